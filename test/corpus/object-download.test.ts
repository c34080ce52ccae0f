// download, downloadArtifact and downloadManagedArtifact from the package root of the package
// generated from v87.1.3, against the local fakes of object-fakes.ts: getUrl only, verified
// against the object service's sha256/sha512 (a mismatch refused, the destination never
// finishing), gzip decoded, retries and URL renewal, cancellation; the unverified simple method
// only on opt-in; every artifact storage type, and reference artifacts refused by
// downloadManagedArtifact.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { CREDS } from '../runtime/helpers.ts';
import { hashesOf, type Fakes } from './object-fakes.ts';
import { EXPIRES, FAST, artifactsFor, sink, skip, source, useObjectKit } from './object-kit.ts';

let fakes: Fakes;
let pkg: Record<string, any>;
useObjectKit((f, p) => ((fakes = f), (pkg = p)));

const objectClient = (credentials: object = CREDS) => new pkg.Object({ rootUrl: fakes.api.rootUrl, credentials, ...FAST });

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
  assert.deepEqual(JSON.parse(fakes.api.requests[0]!.body), { acceptDownloadMethods: { getUrl: true } }, 'getUrl only, as the official client');
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
  assert.deepEqual(fakes.api.requests.map((r) => JSON.parse(r.body)), [{ acceptDownloadMethods: { getUrl: true } }, { acceptDownloadMethods: { getUrl: true } }]);
  await pkg.closeClient(object);
});

test('simple (no hashes) is refused by default: "Could not negotiate a download method", nothing fetched; allowUnverified opts in', { skip }, async () => {
  const data = Buffer.from('simple data');
  fakes.objects.set('simple', { data, contentType: 'text/plain' });
  fakes.config.downloadMethod = 'simple';
  const object = objectClient();
  const dest = sink();
  await assert.rejects(pkg.download({ name: 'simple', object, streamFactory: dest.factory }), (error: any) => {
    assert.equal(error.name, 'TaskclusterError');
    assert.equal(error.statusCode, 406);
    assert.equal(error.code, 'NoMatchingMethod');
    assert.equal(error.message, 'Could not negotiate a download method: download of "simple" accepted getUrl (data without hashes only with allowUnverified: true); the object service said: Object supports methods simple');
    return true;
  });
  assert.deepEqual(JSON.parse(fakes.api.requests[0]!.body), { acceptDownloadMethods: { getUrl: true } });
  // A service answering simple although only getUrl was offered: refused before any byte is fetched.
  fakes.config.downloadMethod = 'simple-always';
  await assert.rejects(
    pkg.download({ name: 'simple', object, streamFactory: dest.factory }),
    /^Error: Could not negotiate a download method: download of "simple" accepted getUrl, the object service answered "simple"$/,
  );
  assert.equal(fakes.s3.requests.length, 0, 'nothing fetched');
  assert.equal(dest.made, 0, 'no destination opened');

  // The explicit opt-in: simple accepted, its URL followed through its redirect, nothing verified.
  fakes.config.downloadMethod = 'simple';
  fakes.api.requests.length = 0;
  assert.equal(await pkg.download({ name: 'simple', object, streamFactory: dest.factory, allowUnverified: true }), 'text/plain');
  assert.deepEqual(JSON.parse(fakes.api.requests[0]!.body), { acceptDownloadMethods: { getUrl: true, simple: true } });
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

  // A sha512 that differs while sha256 matches: refused the same way, naming both sha512 hashes.
  fakes.config.wrongHash = 'sha512';
  const other = sink();
  const expected = hashesOf(data).sha512;
  const theirs = createHash('sha512').update('something else').digest('hex');
  await assert.rejects(pkg.download({ name: 'bad', object, streamFactory: other.factory, ...FAST }), (error: any) => {
    assert.ok(error instanceof pkg.HashMismatchError);
    assert.equal(error.algorithm, 'sha512');
    assert.equal(error.message, `download of "bad": the sha512 hash of the data received (${expected}) does not match the object service's (${theirs})`);
    return true;
  });
  assert.deepEqual(other.events, ['1:error:HashMismatchError'], 'never finished');
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

test('downloadArtifact: s3, reference (redirect followed), object (with the artifact\'s credentials) and error storage types', { skip }, async () => {
  const data = randomBytes(12_345);
  artifactsFor(fakes, pkg, 'T1', data);
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

test('downloadManagedArtifact refuses a reference artifact, naming it and its storage type, before reading its URL; s3 and object artifacts as downloadArtifact', { skip }, async () => {
  const data = randomBytes(4321);
  artifactsFor(fakes, pkg, 'T3', data);
  const queue = new pkg.Queue({ rootUrl: fakes.api.rootUrl, credentials: CREDS, ...FAST });
  const dest = sink();
  await assert.rejects(pkg.downloadManagedArtifact({ taskId: 'T3', name: 'public/ref.bin', queue, streamFactory: dest.factory, ...FAST }), (error: any) => {
    assert.ok(error instanceof pkg.ArtifactStorageTypeError);
    assert.equal(error.code, 'ArtifactStorageTypeRejected');
    assert.equal(error.storageType, 'reference');
    assert.equal(error.taskId, 'T3');
    assert.equal(error.artifactName, 'public/ref.bin');
    assert.equal(error.message, 'Refusing to download artifact "public/ref.bin" of task T3: its storage type is "reference", whose URL the task supplied; use downloadArtifact if fetching a task-supplied URL is intended');
    return true;
  });
  assert.equal(fakes.s3.requests.length, 0, 'the reference URL was never requested');
  assert.equal(dest.made, 0);
  for (const [name, contentType] of [['public/s3.bin', 'application/x-s3'], ['public/object.bin', 'application/x-object']] as const) {
    const d = sink();
    assert.equal(await pkg.downloadManagedArtifact({ taskId: 'T3', name, queue, streamFactory: d.factory, ...FAST }), contentType);
    assert.deepEqual(d.last(), data, name);
  }
  await assert.rejects(pkg.downloadManagedArtifact({ taskId: 'T3', name: 'public/error.bin', queue, streamFactory: sink().factory }), (error: any) => error instanceof pkg.ArtifactError);
  await pkg.closeClient(queue);
});
