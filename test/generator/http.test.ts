// Each method of the committed generated/ package against a local HTTP server: method, path
// (with an arg that needs escaping), query, body and content-type as sent on the wire.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { COMMITTED_OUTPUT } from './helpers.ts';

interface Recorded {
  method: string;
  url: string;
  contentType: string | undefined;
  authorization: string | undefined;
  body: string;
}

const recorded: Recorded[] = [];
let rootUrl = '';
const server = createServer((request: IncomingMessage, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    recorded.push({ method: request.method!, url: request.url!, contentType: request.headers['content-type'], authorization: request.headers.authorization, body });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ requests: [], echo: request.url }));
  });
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  rootUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function client() {
  const module = await import(pathToFileURL(path.join(COMMITTED_OUTPUT, 'dist/index.js')).href);
  return new module.PurgeCache({ rootUrl, retries: 0 });
}

function last(): Recorded {
  return recorded[recorded.length - 1]!;
}

test('ping: GET, no body, no content-type, no credentials → no Authorization', async () => {
  const purgeCache = await client();
  // No output schema, but the server answered JSON: ping resolves with it, as the official client does.
  assert.deepEqual(await purgeCache.ping(), { requests: [], echo: '/api/purge-cache/v1/ping' });
  assert.deepEqual(last(), { method: 'GET', url: '/api/purge-cache/v1/ping', contentType: undefined, authorization: undefined, body: '' });
});

test('purgeCache: POST with escaped route args and a JSON body', async () => {
  const purgeCache = await client();
  assert.deepEqual(await purgeCache.purgeCache('my prov/1', 'wörker?', { cacheName: 'level-1 cache' }), {
    requests: [],
    echo: '/api/purge-cache/v1/purge-cache/my%20prov%2F1/w%C3%B6rker%3F',
  });
  assert.deepEqual(last(), {
    method: 'POST',
    url: '/api/purge-cache/v1/purge-cache/my%20prov%2F1/w%C3%B6rker%3F',
    contentType: 'application/json',
    authorization: undefined,
    body: '{"cacheName":"level-1 cache"}',
  });
});

test('allPurgeRequests: query encoded with %20, undefined keys left out, output parsed', async () => {
  const purgeCache = await client();
  const result = await purgeCache.allPurgeRequests({ continuationToken: 'a b&c', limit: 5 });
  assert.deepEqual(last(), { method: 'GET', url: '/api/purge-cache/v1/purge-cache/list?continuationToken=a%20b%26c&limit=5', contentType: undefined, authorization: undefined, body: '' });
  assert.deepEqual(result, { requests: [], echo: '/api/purge-cache/v1/purge-cache/list?continuationToken=a%20b%26c&limit=5' });
  await purgeCache.allPurgeRequests({ continuationToken: undefined, limit: 2 });
  assert.equal(last().url, '/api/purge-cache/v1/purge-cache/list?limit=2');
  await purgeCache.allPurgeRequests();
  assert.equal(last().url, '/api/purge-cache/v1/purge-cache/list');
});

test('purgeRequests: route args then query', async () => {
  const purgeCache = await client();
  await purgeCache.purgeRequests('prov', 'type', { since: '2019-06-27T07:22:00.000Z' });
  assert.deepEqual(last(), {
    method: 'GET',
    url: '/api/purge-cache/v1/purge-cache/prov/type?since=2019-06-27T07%3A22%3A00.000Z',
    contentType: undefined,
    authorization: undefined,
    body: '',
  });
});

test('bad arguments fail before any request', async () => {
  const purgeCache = await client();
  const before = recorded.length;
  await assert.rejects(() => purgeCache.purgeCache('prov', 'type'), /payload/);
  await assert.rejects(() => purgeCache.purgeRequests(undefined as unknown as string, 'type'), /provisionerId/);
  await assert.rejects(() => purgeCache.allPurgeRequests({ nope: 1 }), /nope/);
  assert.equal(recorded.length, before);
});

test('the package imports in plain node (no tsx) and its classes construct', async () => {
  const { execFile } = await import('node:child_process');
  const script = `const m = await import(${JSON.stringify(pathToFileURL(path.join(COMMITTED_OUTPUT, 'dist/index.js')).href)});
    const c = new m.PurgeCache({ rootUrl: 'https://tc.example.com' });
    console.log(typeof m.PurgeCache.fromEnv, c.buildUrl(c.purgeRequests, 'p', 'w', { since: 'x y' }));`;
  const output = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH }, timeout: 60_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
  assert.equal(output.trim(), 'function https://tc.example.com/api/purge-cache/v1/purge-cache/p/w?since=x%20y');
});
