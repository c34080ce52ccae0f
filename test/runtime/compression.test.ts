// Compressed API responses on Node: every call asks for gzip, and gzip, deflate (zlib and raw) and
// br answers are decoded, against a loopback server that compresses as Taskcluster's services do
// (compressing-server.ts). A body that does not decode is an InvalidResponseBody error naming the
// coding, not retried; a body that would decode past the cap fails instead of filling memory.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { Client, TaskclusterError, callEntry, closeClient } from '../../templates/runtime/index.ts';
import { decodeBody } from '../../templates/runtime/decode-body.ts';
import type { EntryDefinition } from '../../templates/runtime/index.ts';
import { startCompressingServer, type Answer, type CompressingServer } from './compressing-server.ts';
import { PurgeCache, fast } from './helpers.ts';

let answer: Answer;
let server: CompressingServer;
let client: PurgeCache;
before(async () => {
  server = await startCompressingServer(() => answer);
  client = new PurgeCache(fast(server.rootUrl, { retries: 2 }));
});
after(async () => {
  await closeClient(client);
  await server.close();
});

const requests = Array.from({ length: 300 }, (_, i) => ({ workerPoolId: 'proj/wt', cacheName: `cache-${i}`, before: '2030-01-01T00:00:00.000Z' }));
const LARGE = { requests };

test('calls send Accept-Encoding: gzip; a large answer arrives gzipped and decodes to the same JSON, a small one is sent as it is', async () => {
  answer = { status: 200, body: JSON.stringify(LARGE) };
  assert.deepEqual(await client.purgeRequests('proj/wt'), LARGE);
  const [large] = server.requests.splice(0);
  assert.equal(large!.acceptEncoding, 'gzip');
  assert.equal(large!.contentEncoding, 'gzip');
  assert.ok(large!.wireBytes * 5 < JSON.stringify(LARGE).length, `gzip on the wire: ${large!.wireBytes} bytes for ${JSON.stringify(LARGE).length}`);
  answer = { status: 200, body: JSON.stringify({ requests: [] }) };
  assert.deepEqual(await client.purgeRequests('proj/wt'), { requests: [] });
  assert.equal(server.requests.splice(0)[0]!.contentEncoding, undefined, 'below the 1024-byte threshold');
});

test('deflate (zlib and raw), br and a list of codings are decoded; an error body too', async () => {
  const text = JSON.stringify(LARGE);
  for (const [encoding, body] of [
    ['deflate', deflateSync(text)],
    ['deflate', deflateRawSync(text)],
    ['br', brotliCompressSync(text)],
    ['x-gzip', gzipSync(text)],
    ['deflate, gzip', gzipSync(deflateSync(text))],
  ] as const) {
    answer = { status: 200, body, contentEncoding: encoding };
    assert.deepEqual(await client.purgeRequests('proj/wt'), LARGE, encoding);
  }
  // An empty body under a Content-Encoding header is no body, not a corrupt one.
  answer = { status: 200, body: '', contentEncoding: 'gzip' };
  await assert.rejects(client.purgeRequests('proj/wt'), (error: TaskclusterError) => error.code === 'InvalidResponseBody' && /got an empty body/.test(error.message));
  assert.equal(await client.ping(), undefined);
  answer = { status: 404, body: JSON.stringify({ code: 'ResourceNotFound', message: `no such thing ${'x'.repeat(2000)}`, requestInfo: {} }) };
  await assert.rejects(client.purgeRequests('proj/wt'), (error: TaskclusterError) => {
    assert.equal(error.code, 'ResourceNotFound');
    assert.ok(error.message.startsWith('no such thing xxx'));
    return true;
  });
  assert.equal(server.requests.at(-1)!.contentEncoding, 'gzip');
});

test('a blob output is decoded too', async () => {
  const entry: EntryDefinition = { name: 'blobby', method: 'GET', route: '/blob', args: [], query: [], input: false, output: 'blob' };
  class Blobs extends Client {
    constructor() {
      super({ serviceName: 'blobs', apiVersion: 'v1', entries: { blobby: entry } }, fast(server.rootUrl));
    }
    blobby(): Promise<Blob> {
      return callEntry(this, entry, []);
    }
  }
  const blobs = new Blobs();
  const bytes = Buffer.alloc(5000, 7);
  answer = { status: 200, body: bytes, contentType: 'application/octet-stream' };
  const blob = await blobs.blobby();
  assert.deepEqual(Buffer.from(await blob.arrayBuffer()), bytes);
  assert.equal(server.requests.at(-1)!.contentEncoding, 'gzip');
  await closeClient(blobs);
});

test('a corrupt or truncated gzip body is InvalidResponseBody naming the coding, not retried; an unknown coding likewise', async () => {
  const gzipped = gzipSync(JSON.stringify(LARGE));
  for (const [body, encoding, pattern] of [
    [Buffer.from('this is not gzip at all'), 'gzip', /the gzip-encoded response body could not be decoded: incorrect header check/],
    [gzipped.subarray(0, gzipped.length - 20), 'gzip', /the gzip-encoded response body could not be decoded: unexpected end of file/],
    [Buffer.from(JSON.stringify(LARGE)), 'zstd', /the response has Content-Encoding "zstd", which this client does not decode \(it asks for gzip\)/],
  ] as const) {
    answer = { status: 200, body, contentEncoding: encoding };
    const before = server.requests.length;
    await assert.rejects(client.purgeRequests('proj/wt'), (error: TaskclusterError) => {
      assert.ok(error instanceof TaskclusterError);
      assert.equal(error.code, 'InvalidResponseBody');
      assert.equal(error.statusCode, 200);
      assert.equal(error.retries, 0);
      assert.match(error.message, /^GET http:\/\/127\.0\.0\.1:\d+\/api\/purge-cache\/v1\/purge-cache\/proj%2Fwt \(HTTP 200\): /);
      assert.match(error.message, pattern);
      return true;
    });
    assert.equal(server.requests.length - before, 1, 'not retried');
  }
});

test('a body that decodes past the cap fails instead of filling memory', async () => {
  const bomb = gzipSync(Buffer.alloc(10_000_000));
  assert.ok(bomb.length < 20_000);
  await assert.rejects(decodeBody(bomb, 'gzip', 1_000_000), /the gzip-encoded response body could not be decoded: it decodes to more than 1000000 bytes/);
  await assert.rejects(decodeBody(brotliCompressSync(Buffer.alloc(2_000_000)), 'br', 1_000_000), /br-encoded .* more than 1000000 bytes/);
  assert.equal((await decodeBody(bomb, 'gzip', 10_000_000)).length, 10_000_000);
});
