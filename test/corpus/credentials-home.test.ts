// Credentials stay at the deployment's origin. Two loopback origins: the deployment (object-fakes'
// Hawk-verifying API server) and storage (its S3 stand-in, another port). For every path by which
// the package of v87.1.3 sends a request to storage, what storage receives carries no
// Authorization header (which holds Hawk's ext), no Cookie and no bewit: a 303 Location of an API
// call, an object getUrl, s3 and reference artifact URLs, an upload's putUrl whose headers come
// from the service, and a redirect chain from the deployment to storage.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { Readable, Writable } from 'node:stream';
import { test } from 'node:test';
import { CREDS, USERS } from '../runtime/helpers.ts';
import type { Fakes, S3Request } from './object-fakes.ts';
import { skip, useObjectKit } from './object-kit.ts';

const hawk = createRequire(import.meta.url)('hawk') as { uri: { getBewit(uri: string, options: object): string } };

let fakes: Fakes;
let pkg: Record<string, any>;
useObjectKit((f, p) => ((fakes = f), (pkg = p)));

const FAST = { retries: 1, delayFactor: 1, maxDelay: 20 };
const sink = () => new Writable({ write: (_chunk, _encoding, callback) => callback() });

/** Fails naming the request when storage received anything that is a credential of the deployment. */
function assertNoCredentials(requests: S3Request[], expectedCount: number): void {
  assert.equal(requests.length, expectedCount, `requests to storage: ${requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  for (const r of requests) {
    const line = `${r.method} ${r.path}?${r.query}`;
    assert.equal(r.headers.authorization, undefined, `${line}: Authorization`);
    assert.equal(r.headers['proxy-authorization'], undefined, `${line}: Proxy-Authorization`);
    assert.equal(r.headers.cookie, undefined, `${line}: Cookie`);
    assert.ok(!/(^|&)bewit=/i.test(r.query), `${line}: bewit`);
    assert.ok(!JSON.stringify(r.headers).includes(USERS.tester!) && !JSON.stringify(r.headers).includes('Hawk'), `${line}: Hawk credentials in a header`);
  }
}

test('a 303 Location from the deployment is not followed: storage receives nothing', { skip }, async () => {
  const queue = new pkg.Queue({ rootUrl: fakes.api.rootUrl, credentials: CREDS, ...FAST });
  const answer = await queue.getLatestArtifact('T1', 'public/x.bin');
  assert.deepEqual(answer, { storageType: 's3', url: `${fakes.s3.url}/bucket/public%2Fx.bin` });
  assert.equal(fakes.api.requests[0]!.auth?.ok, true, 'the deployment got the signed call');
  assertNoCredentials(fakes.s3.requests, 0);
  await pkg.closeClient(queue);
});

test('an object getUrl GET and s3 and reference artifact GETs carry no credentials of the deployment', { skip }, async () => {
  const data = randomBytes(3000);
  fakes.objects.set('home/obj', { data, contentType: 'a/b' });
  const object = new pkg.Object({ rootUrl: fakes.api.rootUrl, credentials: CREDS, ...FAST });
  await pkg.download({ name: 'home/obj', object, streamFactory: sink });
  assert.equal(fakes.api.requests[0]!.auth?.ok, true);
  assertNoCredentials(fakes.s3.requests, 1);
  assert.equal(fakes.s3.requests[0]!.query, 'X-Amz-Signature=SIGNED', 'the pre-signed query as given');

  fakes.s3.requests.length = 0;
  fakes.bucket.set('s3-key', { data, contentType: 'a/b' });
  fakes.artifacts.set('T2/latest/public/s3.bin', { storageType: 's3', url: `${fakes.s3.url}/bucket/s3-key?X-Amz-Signature=S3` });
  fakes.artifacts.set('T2/latest/public/ref.bin', { storageType: 'reference', url: `${fakes.s3.url}/redirect/s3-key` });
  const queue = new pkg.Queue({ rootUrl: fakes.api.rootUrl, credentials: CREDS, ...FAST });
  await pkg.downloadArtifact({ taskId: 'T2', name: 'public/s3.bin', queue, streamFactory: sink });
  await pkg.downloadArtifact({ taskId: 'T2', name: 'public/ref.bin', queue, streamFactory: sink });
  assertNoCredentials(fakes.s3.requests, 3);
  assert.deepEqual(fakes.s3.requests.map((r) => `${r.path}?${r.query}`), ['/bucket/s3-key?X-Amz-Signature=S3', '/redirect/s3-key?', '/bucket/s3-key?']);
  await pkg.closeClient(object);
  await pkg.closeClient(queue);
});

test("an upload's putUrl: credential headers in the service's answer are not sent to storage; the others are, as given", { skip }, async () => {
  const data = randomBytes(9000);
  // A service (or one in between) listing the caller's own Authorization, a cookie and a bewit-like header.
  fakes.config.putHeaders = { Authorization: `Hawk id="tester", ts="1", nonce="n", mac="m", ext="e"`, Cookie: 'session=secret', 'Proxy-Authorization': 'Basic eDp5', 'x-amz-meta-x': 'kept' };
  const object = new pkg.Object({ rootUrl: fakes.api.rootUrl, credentials: CREDS, ...FAST });
  const result = await pkg.upload({ projectId: 'p', name: 'home/put', contentType: 'a/b', contentLength: data.length, expires: new Date(Date.now() + 86_400_000), object, streamFactory: () => Readable.from([data]), dataInline: false, ...FAST });
  assert.equal(result.uploadMethod, 'putUrl');
  assertNoCredentials(fakes.s3.requests, 1);
  const [put] = fakes.s3.requests;
  assert.equal(put!.headers['content-length'], '9000');
  assert.equal(put!.headers['content-type'], 'a/b');
  assert.equal(put!.headers['x-amz-meta-x'], 'kept');
  assert.deepEqual(put!.body, data);
  await pkg.closeClient(object);
});

test('a redirect chain from the deployment to storage: the bewit reaches the deployment, not storage', { skip }, async () => {
  const data = randomBytes(2000);
  fakes.bucket.set('chain', { data, contentType: 'a/b' });
  // A reference artifact pointing at the deployment with a bewit, which redirects to storage, query and all.
  const home = `${fakes.api.rootUrl}/home-redirect/chain`;
  const bewit = hawk.uri.getBewit(`${home}?keep=1`, { credentials: { id: CREDS.clientId, key: CREDS.accessToken, algorithm: 'sha256' }, ttlSec: 600 });
  fakes.artifacts.set(`T3/latest/public/chain.bin`, { storageType: 'reference', url: `${home}?bewit=${bewit}&keep=1` });
  const queue = new pkg.Queue({ rootUrl: fakes.api.rootUrl, credentials: CREDS, ...FAST });
  const chunks: Buffer[] = [];
  await pkg.downloadArtifact({ taskId: 'T3', name: 'public/chain.bin', queue, streamFactory: () => new Writable({ write: (c, _e, cb) => (chunks.push(c), cb()) }) });
  assert.deepEqual(Buffer.concat(chunks), data);
  const atHome = fakes.api.requests.find((r) => r.path === '/home-redirect/chain')!;
  assert.equal(atHome.auth?.ok, true, 'the deployment verified the bewit');
  assertNoCredentials(fakes.s3.requests, 2);
  assert.deepEqual(fakes.s3.requests.map((r) => `${r.path}?${r.query}`), ['/redirect/chain?keep=1', '/bucket/chain?']);
  await pkg.closeClient(queue);
});
