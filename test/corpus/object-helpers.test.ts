// upload and credentialInformation from the package root of the package generated from v87.1.3
// (its Object, Queue and Auth clients), against the local fakes of object-fakes.ts (object
// service, queue, auth, and S3 on loopback): both upload methods, an injected 500 on the PUT
// retried with a fresh stream, misuse refused; then upload, download and every artifact storage
// type through the official client (taskcluster-client 87.1.3) too, results and requests
// compared, and an application type-checking the helpers. Downloads: object-download.test.ts.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { CREDS, USERS } from '../runtime/helpers.ts';
import { officialClient } from './helpers.ts';
import { hashesOf, type Fakes } from './object-fakes.ts';
import { EXPIRES, FAST, artifactsFor, sink, skip, source, useObjectKit } from './object-kit.ts';

let fakes: Fakes;
let pkg: Record<string, any>;
let out: string;
useObjectKit((f, p, o) => ((fakes = f), (pkg = p), (out = o)));

const objectClient = (credentials: object = CREDS) => new pkg.Object({ rootUrl: fakes.api.rootUrl, credentials, ...FAST });
const api = () => fakes.api.requests.map((r) => `${r.method} ${r.path}`);

test('the helpers are exported from the package root', { skip }, () => {
  for (const name of ['upload', 'download', 'downloadArtifact', 'downloadManagedArtifact', 'ArtifactStorageTypeError', 'credentialInformation', 'fromNow', 'fromNowJSON', 'ArtifactError', 'HashMismatchError']) {
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
    artifactsFor(fakes, pkg, 'T2', data);
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

const CONSUMER = `import { Object as TaskclusterObject, Queue, upload, download, downloadArtifact, downloadManagedArtifact, ArtifactStorageTypeError, credentialInformation, fromNow, fromNowJSON, HashMismatchError, ArtifactError } from '@tcgen/taskcluster-client';
import type { CredentialInformation, UploadResult, BlobOutput } from '@tcgen/taskcluster-client';
import { Readable, Writable } from 'node:stream';

const object = new TaskclusterObject({ rootUrl: 'https://tc.example.com', traceId: 'trace' });
const queue = new Queue({ rootUrl: 'https://tc.example.com' });
const common = { projectId: 'p', name: 'n', contentType: 'a/b', contentLength: 1, expires: fromNow('1 day') };
export async function main(): Promise<string> {
  const result: UploadResult = await upload({ ...common, object, streamFactory: () => Readable.from(['x']) });
  const method: 'dataInline' | 'putUrl' = result.uploadMethod;
  const type: string = await download({ name: 'n', object, streamFactory: () => new Writable(), retries: 2 });
  const unverified: string = await download({ name: 'n', object, streamFactory: () => new Writable(), allowUnverified: true });
  const managed: string = await downloadManagedArtifact({ taskId: 't', name: 'public/x', queue, streamFactory: () => new Writable() });
  const refused: 'ArtifactStorageTypeRejected' = new ArtifactStorageTypeError('reference', 't', 'n').code;
  // @ts-expect-error allowUnverified is a boolean
  await download({ name: 'n', object, streamFactory: () => new Writable(), allowUnverified: 'yes' });
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
  void [method, type, unverified, managed, refused, artifactType, kind, derived, perRequest, blob, HashMismatchError, ArtifactError];
  return fromNowJSON('2 days 3 hours', new Date());
}
`;

test('an application type-checks the helpers against the generated Object and Queue classes, and misuse is refused', { skip }, async () => {
  const { compileApp } = await import('./compile-app.ts');
  const { mkdir, mkdtemp, rm, symlink, writeFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const { ROOT } = await import('./helpers.ts');
  const cache = path.join(ROOT, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(path.join(cache, 'tcgen-helpers-consumer-'));
  try {
    await mkdir(path.join(dir, 'node_modules', '@tcgen'), { recursive: true });
    await symlink(out, path.join(dir, 'node_modules', '@tcgen', 'taskcluster-client'), 'dir');
    await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }');
    await writeFile(path.join(dir, 'consumer.ts'), CONSUMER);
    assert.deepEqual(compileApp([path.join(dir, 'consumer.ts')]).diagnostics, []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
