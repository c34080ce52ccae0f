// What a call resolves or rejects with, by status, content type and body (response.ts): the
// official client's rules (2xx and 3xx are answers, JSON parsed when the content type says so),
// and the cases where we keep an error, each asserted. test/corpus/wire-all.test.ts compares
// the same answers with the official client for every v87.1.3 function.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, test } from 'node:test';
import { closeClient, TaskclusterError } from '../../templates/runtime/index.ts';
import { PurgeCache, fast, startServer, type TestServer } from './helpers.ts';

type Answer = (res: ServerResponse) => void;
let answer: Answer;
let server: TestServer;
let client: PurgeCache;
before(async () => {
  server = await startServer((_r, res) => answer(res));
  client = new PurgeCache(fast(server.rootUrl, { retries: 2 }));
});
after(async () => {
  await closeClient(client);
  await server.close();
});

const send = (status: number, headers: Record<string, string>, body: string): Answer => (res) => {
  res.writeHead(status, headers);
  res.end(body);
};
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
/** Calls `call` once against `a`, returning the outcome and how many requests it made. */
async function outcome(a: Answer, call: () => Promise<unknown>): Promise<{ value?: unknown; error?: TaskclusterError; requests: number }> {
  answer = a;
  const before = server.requests.length;
  try {
    const value = await call();
    return { value, requests: server.requests.length - before };
  } catch (error) {
    assert.ok(error instanceof TaskclusterError, String(error));
    return { error, requests: server.requests.length - before };
  }
}

test('303 with Location and a JSON body resolves with the body, redirect not followed (entry with output)', async () => {
  const body = { storageType: 's3', url: 'https://bucket.example.com/x' };
  const r = await outcome(send(303, { ...JSON_TYPE, location: body.url }, JSON.stringify(body)), () => client.allPurgeRequests());
  assert.deepEqual(r, { value: body, requests: 1 });
});

test('entries without an output schema resolve with the JSON the server sent', async () => {
  const version = { version: '87.1.3', commit: 'abc' };
  assert.deepEqual(await outcome(send(200, JSON_TYPE, JSON.stringify(version)), () => client.version()), { value: version, requests: 1 });
  for (const status of [201, 202, 301, 307]) {
    assert.deepEqual((await outcome(send(status, JSON_TYPE, '{"a":[1]}'), () => client.ping())).value, { a: [1] }, String(status));
  }
  // Media types are case-insensitive (the official client would resolve undefined here).
  assert.deepEqual((await outcome(send(200, { 'content-type': 'Application/JSON' }, '{"a":1}'), () => client.ping())).value, { a: 1 });
  // A JSON body that is falsy is still what the server sent (the official client gives undefined).
  for (const text of ['null', 'false', '0', '""']) {
    assert.deepEqual(await outcome(send(200, JSON_TYPE, text), () => client.ping()), { value: JSON.parse(text), requests: 1 }, text);
  }
});

test('no JSON body: undefined without an output schema, InvalidResponseBody (not retried) with one', async () => {
  const answers: Array<[string, Answer]> = [
    ['204 empty', send(204, {}, '')],
    ['200 text/plain', send(200, { 'content-type': 'text/plain' }, '{"looks":"like json"}')],
    ['200 JSON type, empty body', send(200, JSON_TYPE, '')],
    ['302 empty', send(302, { location: 'https://elsewhere.example.com/' }, '')],
  ];
  for (const [what, a] of answers) {
    assert.deepEqual(await outcome(a, () => client.ping()), { value: undefined, requests: 1 }, what);
    const { error, requests } = await outcome(a, () => client.allPurgeRequests());
    assert.equal(requests, 1, what);
    assert.equal(error?.code, 'InvalidResponseBody', what);
    assert.match(error!.message, /^allPurgeRequests: expected a JSON response body from GET http:\/\/127\.0\.0\.1:\d+\/api\/purge-cache\/v1\/purge-cache\/list, got an? (empty|non-JSON) body \(HTTP \d+, content-type: /, what);
  }
  const { error } = await outcome(send(302, { location: 'https://elsewhere.example.com/' }, ''), () => client.allPurgeRequests());
  assert.equal(error?.statusCode, 302);
  assert.match(error!.message, /location: https:\/\/elsewhere\.example\.com\/\)$/);
});

test('a JSON content type with a body that does not parse is an error for every entry, not retried', async () => {
  for (const call of [() => client.ping(), () => client.allPurgeRequests()]) {
    const { error, requests } = await outcome(send(200, JSON_TYPE, '{oops'), call);
    assert.equal(requests, 1);
    assert.equal(error?.code, 'InvalidResponseBody');
    assert.equal(error?.statusCode, 200);
    assert.equal(error?.body, '{oops');
    assert.match(error!.message, /not valid JSON/);
  }
});

test('4xx and 5xx: statusCode, the body\'s code and message, the parsed body; 5xx and 429 retried, other 4xx not', async () => {
  const cases: Array<[number, number]> = [[400, 1], [401, 1], [403, 1], [404, 1], [409, 1], [429, 3], [500, 3], [502, 3], [503, 3]];
  for (const [status, attempts] of cases) {
    const body = { code: `Code${status}`, message: `message ${status}`, requestInfo: { method: 'ping', params: {}, payload: {}, time: '2024-01-01T00:00:00.000Z' } };
    const { error, requests } = await outcome(send(status, JSON_TYPE, JSON.stringify(body)), () => client.ping());
    assert.equal(requests, attempts, String(status));
    assert.equal(error?.statusCode, status);
    assert.equal(error?.code, body.code);
    assert.equal(error?.message, body.message);
    assert.deepEqual(error?.body, body);
    assert.equal(error?.retries, attempts - 1);
  }
});

test('error bodies: parsed only under a JSON content type (as the official client), else the raw text', async () => {
  const text = await outcome(send(404, { 'content-type': 'text/plain' }, '{"code":"X","message":"m"}'), () => client.ping());
  assert.equal(text.error?.body, '{"code":"X","message":"m"}');
  assert.equal(text.error?.code, 'UnknownError');
  assert.match(text.error!.message, /^Unknown Server Error \(HTTP 404 from GET [^)]+\): \{"code"/);
  const empty = await outcome(send(404, {}, ''), () => client.ping());
  assert.equal(empty.error?.body, '');
  assert.equal(empty.error?.code, 'UnknownError');
  const broken = await outcome(send(400, JSON_TYPE, '{oops'), () => client.ping());
  assert.equal(broken.error?.body, '{oops');
  assert.equal(broken.error?.statusCode, 400);
  const noMessage = await outcome(send(401, JSON_TYPE, '{"code":"AuthenticationFailed"}'), () => client.ping());
  assert.equal(noMessage.error?.code, 'AuthenticationFailed');
  assert.match(noMessage.error!.message, /^Authentication Error \(HTTP 401 from GET [^)]+\)$/);
  const outOfRange = await outcome(send(600, JSON_TYPE, '{}'), () => client.ping());
  assert.equal(outOfRange.error?.statusCode, 600);
  assert.equal(outOfRange.requests, 1);
});
