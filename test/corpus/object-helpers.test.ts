// upload, download, downloadArtifact and credentialInformation from the package root of the
// package generated from v87.1.3 (its Object, Queue and Auth clients), against the local fakes of
// object-fakes.ts (object service, queue, auth, and S3 on loopback): every method and storage
// type, an injected 500 on the PUT retried with a fresh stream, a hash mismatch refused; then the
// same scenario through the official client (taskcluster-client 87.1.3), results and requests
// compared.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PassThrough, Readable, Writable } from 'node:stream';
import { after, before, beforeEach, test } from 'node:test';
import { CREDS, USERS } from '../runtime/helpers.ts';
import { generateInto, importDist, officialClient, skipUnlessSnapshot, snapshotDir, type Generated } from './helpers.ts';
import { hashesOf, startFakes, type Fakes } from './object-fakes.ts';

const VERSION = 'v87.1.3';
const skip = skipUnlessSnapshot(VERSION);

let fakes: Fakes;
let generated: Generated | undefined;
let pkg: Record<string, any>;
before(async () => {
  fakes = await startFakes();
  if (!skip) {
    generated = await generateInto({ references: snapshotDir(VERSION) });
    pkg = await importDist(generated.out);
  }
});
after(async () => {
  await fakes.close();
  await generated?.cleanup();
});
beforeEach(() => {
  Object.assign(fakes.config, { uploadMethod: 'putUrl', downloadMethod: 'getUrl', wrongHash: false, expiredUrls: false, gzip: false, failPuts: 0, failGets: 0 });
  fakes.api.requests.length = 0;
  fakes.s3.requests.length = 0;
});

const FAST = { retries: 3, delayFactor: 1, maxDelay: 20 };
const EXPIRES = new Date('2031-01-01T00:00:00.000Z');

/** A streamFactory over `data` that counts the streams it made. */
function source(data: Buffer): { factory: () => Readable; made: number } {
  const counter = { made: 0, factory: () => (counter.made++, Readable.from([data.subarray(0, 1000), data.subarray(1000)])) };
  return counter;
}

/** A streamFactory of in-memory sinks; `last()` is the data of the latest one, `events` what each saw. */
function sink(): { factory: () => Writable; made: number; last(): Buffer; events: string[] } {
  const sinks: Buffer[][] = [];
  const result = {
    made: 0,
    events: [] as string[],
    factory: () => {
      result.made++;
      const chunks: Buffer[] = [];
      sinks.push(chunks);
      const n = result.made;
      const stream = new Writable({ write: (chunk: Buffer, _e, cb) => (chunks.push(chunk), cb()) });
      stream.on('finish', () => result.events.push(`${n}:finish`));
      stream.on('error', (e) => result.events.push(`${n}:error:${e.name}`));
      return stream;
    },
    last: () => Buffer.concat(sinks.at(-1) ?? []),
  };
  return result;
}

const objectClient = (credentials: object = CREDS) => new pkg.Object({ rootUrl: fakes.api.rootUrl, credentials, ...FAST });
const api = () => fakes.api.requests.map((r) => `${r.method} ${r.path}`);

test('the helpers are exported from the package root', { skip }, () => {
  for (const name of ['upload', 'download', 'downloadArtifact', 'credentialInformation', 'fromNow', 'fromNowJSON', 'ArtifactError', 'HashMismatchError']) {
    assert.equal(typeof pkg[name], 'function', name);
  }
});

test('upload by putUrl: createUpload, a PUT with the returned headers (Content-Length by hand, over undici), finishUpload with sha256 and sha512', { skip }, async (t) => {
  const data = randomBytes(20_000);
  const src = source(data);
  const object = objectClient();
  const result = await pkg.upload({ projectId: 'proj', name: 'big/file.bin', contentType: 'application/x-test', contentLength: data.length, expires: EXPIRES, object, streamFactory: src.factory, uploadId: 'abcdefghQRCdefghijklmA', ...FAST });
  assert.deepEqual(result, { uploadId: 'abcdefghQRCdefghijklmA', uploadMethod: 'putUrl', hashes: hashesOf(data) });
  assert.deepEqual(api(), ['PUT /api/object/v1/upload/big%2Ffile.bin', 'POST /api/object/v1/finish-upload/big%2Ffile.bin']);
  const create = JSON.parse(fakes.api.requests[0]!.body);
  assert.deepEqual(create, { expires: EXPIRES.toJSON(), projectId: 'proj', uploadId: 'abcdefghQRCdefghijklmA', proposedUploadMethods: { putUrl: { contentType: 'application/x-test', contentLength: 20_000 } } });
  assert.equal(fakes.api.requests[0]!.auth?.id, 'tester');
  assert.deepEqual(JSON.parse(fakes.api.requests[1]!.body), { projectId: 'proj', uploadId: 'abcdefghQRCdefghijklmA', hashes: hashesOf(data) });
  const [put] = fakes.s3.requests;
  assert.equal(put!.method, 'PUT');
  assert.equal(put!.query, 'X-Amz-Signature=SIGNED');
  assert.equal(put!.headers['content-length'], '20000');
  assert.equal(put!.headers['content-type'], 'application/x-test');
  assert.equal(put!.headers.authorization, undefined, 'no Taskcluster credentials to S3');
  assert.deepEqual(fakes.objects.get('big/file.bin')!.finished, hashesOf(data));
  assert.equal(src.made, 1);
  // The trap this avoids: fetch refuses a Content-Length given by hand (Node 20's global fetch here).
  const refused = await fetch(`${fakes.s3.url}/bucket/trap`, { method: 'PUT', headers: { 'Content-Length': '3' }, body: 'abc' }).then(
    () => false,
    (error: Error & { cause?: Error }) => /content-length/i.test(String(error.cause?.message)),
  );
  t.diagnostic(`global fetch with a Content-Length header: ${refused ? 'refused (the trap)' : 'accepted on this Node'}`);
  await pkg.closeClient(object);
});

test('an injected 500 on the PUT is retried with a fresh stream; the hashes are of what was sent', { skip }, async () => {
  const data = randomBytes(10_000);
  const src = source(data);
  fakes.config.failPuts = 2;
  const object = objectClient();
  await pkg.upload({ projectId: 'proj', name: 'retried', contentType: 'application/octet-stream', contentLength: data.length, expires: EXPIRES, object, streamFactory: src.factory, ...FAST });
  assert.equal(src.made, 3, 'one stream per attempt');
  assert.deepEqual(fakes.s3.requests.map((r) => r.method), ['PUT', 'PUT', 'PUT']);
  for (const put of fakes.s3.requests) assert.deepEqual(put.body, data, 'every attempt sent the whole body');
  assert.deepEqual(fakes.bucket.get('retried')!.data, data);
  assert.deepEqual(fakes.objects.get('retried')!.finished, hashesOf(data));

  // 4xx is final; spent retries give the last error with the count.
  fakes.config.failPuts = 10;
  await assert.rejects(
    pkg.upload({ projectId: 'proj', name: 'never', contentType: 'a/b', contentLength: data.length, expires: EXPIRES, object, streamFactory: source(data).factory, ...FAST, retries: 1 }),
    (error: any) => error.name === 'TaskclusterError' && error.statusCode === 500 && error.retries === 1 && !error.message.includes('SIGNED') && error.message.includes('/bucket/never'),
  );
  // A stream whose length differs from contentLength is refused, not retried.
  fakes.config.failPuts = 0;
  const before = fakes.s3.requests.length;
  await assert.rejects(pkg.upload({ projectId: 'proj', name: 'short', contentType: 'a/b', contentLength: data.length + 5, expires: EXPIRES, object, streamFactory: source(data).factory, ...FAST }));
  assert.ok(fakes.s3.requests.length - before <= 1, 'not retried');
  await pkg.closeClient(object);
});

test('upload of a small body: dataInline proposed beside putUrl; either choice of the service works', { skip }, async () => {
  const data = Buffer.from('hello, object service\n');
  const object = objectClient();
  fakes.config.uploadMethod = 'dataInline';
  let src = source(data);
  let result = await pkg.upload({ projectId: 'proj', name: 'small', contentType: 'text/plain', contentLength: data.length, expires: EXPIRES, object, streamFactory: src.factory });
  assert.equal(result.uploadMethod, 'dataInline');
  const proposed = JSON.parse(fakes.api.requests[0]!.body).proposedUploadMethods;
  assert.deepEqual(proposed, { dataInline: { contentType: 'text/plain', objectData: data.toString('base64') }, putUrl: { contentType: 'text/plain', contentLength: data.length } });
  assert.equal(fakes.s3.requests.length, 0);
  assert.equal(src.made, 1);
  assert.deepEqual(fakes.objects.get('small')!.finished, hashesOf(data));

  fakes.config.uploadMethod = 'putUrl';
  src = source(data);
  result = await pkg.upload({ projectId: 'proj', name: 'small2', contentType: 'text/plain', contentLength: data.length, expires: EXPIRES, object, streamFactory: src.factory });
  assert.equal(result.uploadMethod, 'putUrl');
  assert.equal(src.made, 2, 'read once for dataInline, once for the PUT');
  assert.deepEqual(fakes.bucket.get('small2')!.data, data);

  src = source(data);
  await pkg.upload({ projectId: 'proj', name: 'small3', contentType: 'text/plain', contentLength: data.length, expires: EXPIRES, object, streamFactory: src.factory, dataInline: false });
  assert.equal(JSON.parse(fakes.api.requests.at(-2)!.body).proposedUploadMethods.dataInline, undefined, 'dataInline: false proposes putUrl only');
  await pkg.closeClient(object);
});

test('download by getUrl: verified against the hashes, gzip decoded, a 500 retried into a fresh destination', { skip }, async () => {
  const data = randomBytes(50_000);
  fakes.objects.set('dl', { data, contentType: 'application/x-dl' });
  const object = objectClient();
  fakes.config.gzip = true;
  fakes.config.failGets = 1;
  const dest = sink();
  const contentType = await pkg.download({ name: 'dl', object, streamFactory: dest.factory, ...FAST });
  assert.equal(contentType, 'application/x-dl');
  assert.deepEqual(dest.last(), data);
  assert.equal(dest.made, 1, 'a 500 before the body opens no destination');
  assert.deepEqual(JSON.parse(fakes.api.requests[0]!.body), { acceptDownloadMethods: { getUrl: true, simple: true } });
  assert.deepEqual(fakes.s3.requests.map((r) => `${r.method} ${r.path}`), ['GET /bucket/dl', 'GET /bucket/dl']);
  assert.equal(fakes.s3.requests[0]!.headers.authorization, undefined);

  // An expired URL is renewed with startDownload before the retry.
  fakes.config.gzip = false;
  fakes.config.expiredUrls = true;
  fakes.config.failGets = 1;
  fakes.api.requests.length = 0;
  const again = sink();
  await pkg.download({ name: 'dl', object, streamFactory: again.factory, ...FAST });
  assert.deepEqual(again.last(), data);
  assert.deepEqual(fakes.api.requests.map((r) => JSON.parse(r.body)), [{ acceptDownloadMethods: { getUrl: true, simple: true } }, { acceptDownloadMethods: { getUrl: true } }]);
  await pkg.closeClient(object);
});

test('download by simple: the URL is followed through its redirect', { skip }, async () => {
  const data = Buffer.from('simple data');
  fakes.objects.set('simple', { data, contentType: 'text/plain' });
  fakes.config.downloadMethod = 'simple';
  const object = objectClient();
  const dest = sink();
  assert.equal(await pkg.download({ name: 'simple', object, streamFactory: dest.factory }), 'text/plain');
  assert.deepEqual(dest.last(), data);
  assert.deepEqual(fakes.s3.requests.map((r) => `${r.method} ${r.path}`), ['GET /redirect/simple', 'GET /bucket/simple']);
  await pkg.closeClient(object);
});

test('a hash mismatch is refused: HashMismatchError, no retry, and the destination errors instead of finishing', { skip }, async () => {
  const data = randomBytes(30_000);
  fakes.objects.set('bad', { data, contentType: 'application/octet-stream' });
  fakes.config.wrongHash = true;
  const object = objectClient();
  const dest = sink();
  await assert.rejects(pkg.download({ name: 'bad', object, streamFactory: dest.factory, ...FAST }), (error: any) => {
    assert.ok(error instanceof pkg.HashMismatchError);
    assert.equal(error.code, 'HashMismatch');
    assert.equal(error.algorithm, 'sha256');
    assert.match(error.message, /^download of "bad": the sha256 hash of the data received \([0-9a-f]{64}\) does not match the object service's/);
    return true;
  });
  assert.equal(fakes.s3.requests.length, 1, 'not retried');
  assert.deepEqual(dest.events, ['1:error:HashMismatchError'], 'never finished');
  await pkg.closeClient(object);
});

test('a transfer is cancelled by its signal, also during a backoff sleep; an upload no method fits for is refused', { skip }, async () => {
  const data = randomBytes(10_000);
  fakes.objects.set('slow', { data, contentType: 'a/b' });
  fakes.config.failGets = 100;
  const object = objectClient();
  const controller = new AbortController();
  const started = Date.now();
  const pending = pkg.download({ name: 'slow', object, streamFactory: sink().factory, retries: 5, delayFactor: 60_000, signal: controller.signal });
  while (fakes.s3.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  controller.abort(new Error('stopped by the caller'));
  await assert.rejects(pending, /stopped by the caller/);
  assert.ok(Date.now() - started < 5000, 'not after the 2-minute backoff');
  assert.equal(fakes.s3.requests.length, 1);

  fakes.config.uploadMethod = 'none';
  await assert.rejects(
    pkg.upload({ projectId: 'proj', name: 'nowhere', contentType: 'a/b', contentLength: data.length, expires: EXPIRES, object, streamFactory: source(data).factory }),
    /upload of "nowhere": the object service accepted none of the proposed upload methods \(putUrl\)/,
  );
  await pkg.closeClient(object);
});

test('a streamFactory that returns no stream is refused at once: not resolved with the data gone, not retried as a network error', { skip }, async () => {
  const data = randomBytes(10_000);
  fakes.objects.set('misuse', { data, contentType: 'a/b' });
  const object = objectClient();
  // A file path where a stream belongs: pipeline() took it without writing to it, and the download resolved.
  for (const wrong of ['/tmp/out.bin', {}]) {
    await assert.rejects(
      pkg.download({ name: 'misuse', object, streamFactory: () => wrong, ...FAST }),
      (error: Error) => error instanceof TypeError && /^streamFactory must return a writable stream, not (a string|an object without stream methods)$/.test(error.message),
    );
  }
  assert.equal(fakes.s3.requests.length, 2, 'one GET each, not retried');
  // A Buffer where a stream belongs: it failed the PUT as a network error, retried, with a message about the request.
  fakes.s3.requests.length = 0;
  fakes.api.requests.length = 0;
  await assert.rejects(
    pkg.upload({ projectId: 'proj', name: 'misuse', contentType: 'a/b', contentLength: data.length, expires: EXPIRES, object, streamFactory: () => data, ...FAST }),
    (error: Error) => error instanceof TypeError && error.message === 'upload: streamFactory must return a readable stream, not a Buffer',
  );
  assert.equal(fakes.s3.requests.length, 0, 'nothing PUT');
  await assert.rejects(
    pkg.upload({ projectId: 'proj', name: 'misuse', contentType: 'a/b', contentLength: 2, expires: EXPIRES, object, streamFactory: () => 'hi', ...FAST }),
    /upload: streamFactory must return a readable stream, not a string/,
  );
  await pkg.closeClient(object);
});

function artifactsFor(taskId: string, data: Buffer): void {
  fakes.bucket.set('s3-key', { data, contentType: 'application/x-s3' });
  fakes.objects.set('obj/artifact', { data, contentType: 'application/x-object' });
  const credentials = pkg.createTemporaryCredentials({
    credentials: { clientId: 'issuer', accessToken: USERS.issuer }, clientId: 'artifact-downloader',
    start: new Date(Date.now() - 60_000), expiry: new Date(Date.now() + 3_600_000), scopes: ['object:download:obj/artifact'],
  });
  fakes.artifacts.set(`${taskId}/latest/public/s3.bin`, { storageType: 's3', url: `${fakes.s3.url}/bucket/s3-key` });
  fakes.artifacts.set(`${taskId}/2/public/s3.bin`, { storageType: 's3', url: `${fakes.s3.url}/bucket/s3-key` });
  fakes.artifacts.set(`${taskId}/latest/public/ref.bin`, { storageType: 'reference', url: `${fakes.s3.url}/redirect/s3-key` });
  fakes.artifacts.set(`${taskId}/latest/public/object.bin`, { storageType: 'object', name: 'obj/artifact', credentials });
  fakes.artifacts.set(`${taskId}/latest/public/error.bin`, { storageType: 'error', reason: 'file-missing-on-worker', message: 'the file was not there' });
}

test('downloadArtifact: s3, reference (redirect followed), object (with the artifact\'s credentials) and error storage types', { skip }, async () => {
  const data = randomBytes(12_345);
  artifactsFor('T1', data);
  const queue = new pkg.Queue({ rootUrl: fakes.api.rootUrl, credentials: CREDS, ...FAST });
  const get = async (name: string, runId?: number) => {
    const dest = sink();
    const contentType = await pkg.downloadArtifact({ taskId: 'T1', runId, name, queue, streamFactory: dest.factory, ...FAST });
    return { contentType, data: dest.last() };
  };
  assert.deepEqual(await get('public/s3.bin'), { contentType: 'application/x-s3', data });
  assert.equal(fakes.api.requests.at(-1)!.path, '/api/queue/v1/task/T1/artifact-content/public%2Fs3.bin');
  assert.deepEqual(await get('public/s3.bin', 2), { contentType: 'application/x-s3', data });
  assert.equal(fakes.api.requests.at(-1)!.path, '/api/queue/v1/task/T1/runs/2/artifact-content/public%2Fs3.bin');
  assert.deepEqual(await get('public/ref.bin'), { contentType: 'application/x-s3', data });
  assert.deepEqual(fakes.s3.requests.slice(-2).map((r) => r.path), ['/redirect/s3-key', '/bucket/s3-key']);
  assert.deepEqual(await get('public/object.bin'), { contentType: 'application/x-object', data });
  const start = fakes.api.requests.at(-1)!;
  assert.equal(start.path, '/api/object/v1/start-download/obj%2Fartifact');
  assert.equal(start.auth?.ok, true);
  assert.equal(start.auth?.id, 'artifact-downloader', 'signed with the credentials the queue gave');
  await assert.rejects(get('public/error.bin'), (error: any) => {
    assert.ok(error instanceof pkg.ArtifactError);
    assert.equal(error.message, 'the file was not there');
    assert.equal(error.reason, 'file-missing-on-worker');
    return true;
  });
  fakes.config.failGets = 1;
  assert.deepEqual(await get('public/s3.bin'), { contentType: 'application/x-s3', data }, 'retried after a 500');
  await pkg.closeClient(queue);
});

test('credentialInformation: permanent, temporary and named temporary credentials, as the official client reports them', { skip }, async () => {
  const { tc } = await officialClient();
  const soon = new Date(Date.now() + 10 * 86_400_000);
  fakes.clients.set('tester', { expires: new Date('2100-01-01T00:00:00.000Z').toJSON(), disabled: false });
  fakes.clients.set('issuer', { expires: soon.toJSON(), disabled: false });
  fakes.scopes.set('tester', ['queue:*', 'object:*']);
  const start = new Date(Date.now() - 60_000);
  const cases = {
    permanent: CREDS,
    temporary: pkg.createTemporaryCredentials({ credentials: { clientId: 'issuer', accessToken: USERS.issuer }, start, expiry: new Date(Date.now() + 3_600_000), scopes: ['a:b', 'c:*'] }),
    named: pkg.createTemporaryCredentials({ credentials: { clientId: 'issuer', accessToken: USERS.issuer }, clientId: 'my-name', start, expiry: new Date(Date.now() + 30 * 86_400_000), scopes: ['x'] }),
  };
  const results: Record<string, any> = {};
  for (const [kind, credentials] of Object.entries(cases)) {
    fakes.api.requests.length = 0;
    const ours = await pkg.credentialInformation(fakes.api.rootUrl, credentials);
    const oursRequests = fakes.api.requests.map((r) => `${r.method} ${r.path} ${r.auth?.id ?? 'anonymous'}`).sort();
    fakes.api.requests.length = 0;
    const theirs = await tc.credentialInformation(fakes.api.rootUrl, credentials);
    const theirsRequests = fakes.api.requests.map((r) => `${r.method} ${r.path} ${r.auth?.id ?? 'anonymous'}`).sort();
    assert.deepEqual(ours, theirs, kind);
    assert.deepEqual(oursRequests, theirsRequests, kind);
    results[kind] = ours;
  }
  // the auth service's answer: the client's (or certificate's) scopes with assume:anonymous, as a merged set
  assert.deepEqual(results.permanent, { clientId: 'tester', type: 'permanent', active: true, expiry: new Date('2100-01-01T00:00:00.000Z'), scopes: ['assume:anonymous', 'object:*', 'queue:*'] });
  assert.equal(results.temporary.type, 'temporary');
  assert.deepEqual(results.temporary.scopes, ['a:b', 'assume:anonymous', 'c:*']);
  assert.equal(results.named.clientId, 'my-name');
  assert.deepEqual(results.named.expiry, soon, 'the issuer expires before the certificate');
  fakes.clients.set('tester', { expires: new Date('2100-01-01T00:00:00.000Z').toJSON(), disabled: true });
  assert.equal((await pkg.credentialInformation(fakes.api.rootUrl, CREDS)).active, false, 'a disabled issuer is not active');
  // answered as the real auth service answers (test/deployment/auth.ts): the message, its trailer, requestInfo
  await assert.rejects(pkg.credentialInformation(fakes.api.rootUrl, { clientId: 'tester', accessToken: 'wrong' }), (error: any) => {
    assert.equal(error.statusCode, 401);
    assert.match(error.message, /^Unauthorized: Bad mac\n\n---\n\n\* method: {5}currentScopes\n\* errorCode: {2}AuthenticationFailed\n\* statusCode: 401\n\* time: {7}\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    assert.deepEqual(Object.keys(error.body), ['code', 'message', 'requestInfo']);
    return true;
  });
});

/** What the services saw, comparable across clients: API calls with their JSON bodies, S3 calls with their sizes. */
function seen() {
  const apiCalls = fakes.api.requests.map((r) => ({ call: `${r.method} ${r.path}`, by: r.auth?.id, trace: r.headers['x-taskcluster-trace-id'], body: r.body ? JSON.parse(r.body) : undefined }));
  const s3Calls = fakes.s3.requests.map((r) => ({ call: `${r.method} ${r.path}?${r.query}`, length: r.headers['content-length'], type: r.headers['content-type'], body: hashesOf(r.body).sha256, auth: r.headers.authorization }));
  fakes.api.requests.length = 0;
  fakes.s3.requests.length = 0;
  return { apiCalls, s3Calls };
}

test('the same scenario through the official client: same results, same requests', { skip }, async () => {
  const { tc } = await officialClient();
  const data = randomBytes(9000);
  const runs: Record<string, any> = {};
  for (const who of ['ours', 'theirs'] as const) {
    const official = who === 'theirs';
    const object = official ? new tc.Object({ rootUrl: fakes.api.rootUrl, credentials: CREDS, ...FAST }) : objectClient();
    const queue = official ? new tc.Queue({ rootUrl: fakes.api.rootUrl, credentials: CREDS, ...FAST }) : new pkg.Queue({ rootUrl: fakes.api.rootUrl, credentials: CREDS, ...FAST });
    const helpers = official ? tc : pkg;
    const name = `scenario/${who}`;
    const run: Record<string, any> = {};
    // upload with an injected 500 on the first PUT
    fakes.config.failPuts = 1;
    const src = source(data);
    await helpers.upload({ projectId: 'proj', name, contentType: 'application/x-scenario', contentLength: data.length, expires: EXPIRES, object, streamFactory: src.factory, uploadId: 'abcdefghQRCdefghijklmA', ...FAST });
    run.uploadStreams = src.made;
    run.uploaded = fakes.objects.get(name)!.finished;
    run.upload = seen();
    // download by getUrl, with an injected 500 on the first GET
    fakes.config.failGets = 1;
    const dest = sink();
    run.downloadType = await helpers.download({ name, object, streamFactory: dest.factory, ...FAST });
    run.downloaded = hashesOf(dest.last());
    run.download = seen();
    // a hash mismatch
    fakes.config.wrongHash = true;
    run.mismatch = await helpers.download({ name, object, streamFactory: sink().factory, ...FAST }).then(() => 'resolved', () => 'rejected');
    fakes.config.wrongHash = false;
    run.mismatchRequests = seen();
    // artifacts of every storage type
    artifactsFor('T2', data);
    run.artifacts = {};
    for (const artifact of ['public/s3.bin', 'public/ref.bin', 'public/object.bin', 'public/error.bin']) {
      const d = sink();
      run.artifacts[artifact] = await helpers.downloadArtifact({ taskId: 'T2', name: artifact, queue, streamFactory: d.factory, ...FAST }).then(
        (contentType: string) => ({ contentType, data: hashesOf(d.last()).sha256 }),
        (error: any) => ({ error: error.message, reason: error.reason }),
      );
    }
    run.artifactRequests = seen();
    runs[who] = run;
    if (!official) {
      await pkg.closeClient(object);
      await pkg.closeClient(queue);
    }
  }
  const { ours, theirs } = runs;
  // The one deliberate difference: we also accept the simple download method.
  for (const call of [...ours.download.apiCalls, ...ours.mismatchRequests.apiCalls, ...ours.artifactRequests.apiCalls]) {
    if (call.body?.acceptDownloadMethods?.simple) delete call.body.acceptDownloadMethods.simple;
  }
  for (const key of ['upload', 'download', 'mismatchRequests']) {
    for (const call of [...ours[key].apiCalls, ...theirs[key].apiCalls]) call.call = call.call.replace(/scenario%2F(ours|theirs)/, 'scenario%2FNAME');
    for (const call of [...ours[key].s3Calls, ...theirs[key].s3Calls]) call.call = call.call.replace(/scenario%2F(ours|theirs)/, 'scenario%2FNAME');
  }
  assert.deepEqual(ours, theirs);
  assert.equal(ours.uploadStreams, 2);
  assert.deepEqual(ours.uploaded, hashesOf(data));
  assert.deepEqual(ours.downloaded, hashesOf(data));
  assert.equal(ours.mismatch, 'rejected');
  assert.equal(ours.upload.s3Calls.length, 2);
});

const CONSUMER = `import { Object as TaskclusterObject, Queue, upload, download, downloadArtifact, credentialInformation, fromNow, fromNowJSON, HashMismatchError, ArtifactError } from '@tcgen/taskcluster-client';
import type { CredentialInformation, UploadResult, BlobOutput } from '@tcgen/taskcluster-client';
import { Readable, Writable } from 'node:stream';

const object = new TaskclusterObject({ rootUrl: 'https://tc.example.com', traceId: 'trace' });
const queue = new Queue({ rootUrl: 'https://tc.example.com' });
const common = { projectId: 'p', name: 'n', contentType: 'a/b', contentLength: 1, expires: fromNow('1 day') };
export async function main(): Promise<string> {
  const result: UploadResult = await upload({ ...common, object, streamFactory: () => Readable.from(['x']) });
  const method: 'dataInline' | 'putUrl' = result.uploadMethod;
  const type: string = await download({ name: 'n', object, streamFactory: () => new Writable(), retries: 2 });
  const artifactType: string = await downloadArtifact({ taskId: 't', runId: 0, name: 'public/x', queue, streamFactory: async () => new Writable() });
  // @ts-expect-error a Queue is not an object-service client
  await upload({ ...common, object: queue, streamFactory: () => Readable.from(['x']) });
  // @ts-expect-error streamFactory gives a readable stream
  await upload({ ...common, object, streamFactory: () => 'data' });
  // @ts-expect-error downloadArtifact needs a Queue
  await downloadArtifact({ taskId: 't', name: 'n', queue: object, streamFactory: () => new Writable() });
  const info: CredentialInformation = await credentialInformation('https://tc.example.com', { clientId: 'a', accessToken: 'b' });
  const kind: 'permanent' | 'temporary' = info.type;
  const derived: Queue = queue.use({ traceId: 't', retries: 1 });
  const perRequest: Queue = queue.taskclusterPerRequestInstance({ requestId: 'r', traceId: 't' });
  // @ts-expect-error use() takes client options
  queue.use({ rootUrl: 5 });
  // @ts-expect-error fromNow takes a time expression
  fromNow(5);
  const blob: BlobOutput | undefined = undefined;
  void [method, type, artifactType, kind, derived, perRequest, blob, HashMismatchError, ArtifactError];
  return fromNowJSON('2 days 3 hours', new Date());
}
`;

test('an application type-checks the helpers against the generated Object and Queue classes, and misuse is refused', { skip }, async () => {
  const ts = (await import('typescript')).default;
  const { mkdir, mkdtemp, rm, symlink, writeFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const { ROOT } = await import('./helpers.ts');
  const cache = path.join(ROOT, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(path.join(cache, 'tcgen-helpers-consumer-'));
  try {
    await mkdir(path.join(dir, 'node_modules', '@tcgen'), { recursive: true });
    await symlink(generated!.out, path.join(dir, 'node_modules', '@tcgen', 'taskcluster-client'), 'dir');
    await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }');
    await writeFile(path.join(dir, 'consumer.ts'), CONSUMER);
    const program = ts.createProgram([path.join(dir, 'consumer.ts')], {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true, types: ['node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    assert.deepEqual(diagnostics, []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
