// Fault injection from a loopback server: what is retried, how many attempts are made,
// that each attempt is re-signed, timeouts and cancellation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closeClient, TaskclusterError } from '../../templates/runtime/index.ts';
import { backoffDelay, retryAfterDelay, RETRY_DEFAULTS } from '../../templates/runtime/retry.ts';
import { CREDS, PurgeCache, fast, json, startServer, type Handler, type TestServer } from './helpers.ts';

async function withServer(handler: Handler, fn: (server: TestServer, client: PurgeCache) => Promise<void>, extra = {}): Promise<void> {
  const server = await startServer(handler);
  const client = new PurgeCache(fast(server.rootUrl, extra));
  try {
    await fn(server, client);
  } finally {
    await closeClient(client);
    await server.close();
  }
}

function assertResigned(server: TestServer): void {
  const nonces = server.requests.map((r) => r.auth?.nonce);
  for (const r of server.requests) assert.equal(r.auth?.ok, true, r.auth?.error);
  assert.equal(new Set(nonces).size, nonces.length, 'every attempt has a fresh nonce');
}

for (const status of [500, 503]) {
  test(`${status} is retried: retries + 1 attempts, each re-signed, then the error`, () =>
    withServer((_r, res) => json(res, status, { code: 'InternalServerError', message: 'boom' }), async (server, c) => {
      const err = (await c.ping().catch((e: unknown) => e)) as TaskclusterError;
      assert.ok(err instanceof TaskclusterError);
      assert.equal(server.requests.length, 4);
      assert.equal(err.retries, 3);
      assert.equal(err.statusCode, status);
      assert.equal(err.code, 'InternalServerError');
      assert.equal(err.message, 'boom');
      assert.equal(err.method, 'GET');
      assert.equal(err.url, `${server.rootUrl}/api/purge-cache/v1/ping`);
      assertResigned(server);
    }, { retries: 3 }));
}

test('a 5xx then success returns the result', () =>
  withServer((_r, res, n) => (n < 3 ? json(res, 502, {}) : json(res, 200, { requests: [] })), async (server, c) => {
    assert.deepEqual(await c.allPurgeRequests(), { requests: [] });
    assert.equal(server.requests.length, 3);
    assertResigned(server);
  }));

test('404 is not retried; code and message from the body', () =>
  withServer((_r, res) => json(res, 404, { code: 'ResourceNotFound', message: 'no such pool' }), async (server, c) => {
    const err = (await c.purgeRequests('nope').catch((e: unknown) => e)) as TaskclusterError;
    assert.equal(server.requests.length, 1);
    assert.equal(err.statusCode, 404);
    assert.equal(err.code, 'ResourceNotFound');
    assert.equal(err.retries, 0);
    assert.ok(!err.message.includes(CREDS.accessToken));
  }));

test('non-JSON error bodies are handled', () =>
  withServer((_r, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<h1>Bad Gateway</h1>');
  }, async (server, c) => {
    const err = (await c.ping().catch((e: unknown) => e)) as TaskclusterError;
    assert.equal(server.requests.length, 2);
    assert.equal(err.code, 'UnknownError');
    assert.equal(err.body, '<h1>Bad Gateway</h1>');
    assert.match(err.message, /^Unknown Server Error \(HTTP 502 from GET http:\/\/127\.0\.0\.1:\d+\/api\/purge-cache\/v1\/ping\): <h1>/);
  }, { retries: 1 }));

test('429 is retried honouring Retry-After (capped by maxDelay)', () =>
  withServer((_r, res, n) => (n < 3 ? json(res, 429, { code: 'TooManyRequests' }, { 'retry-after': '3600' }) : json(res, 200, {})),
    async (server, c) => {
      await c.ping(); // would take an hour if Retry-After were not capped by maxDelay (20 ms)
      assert.equal(server.requests.length, 3);
      assertResigned(server);
    }, { maxDelay: 20 }));

test('connection reset is retried', () =>
  withServer((rec, res, n) => {
    if (n < 3) res.socket?.destroy();
    else json(res, 200, {});
    void rec;
  }, async (server, c) => {
    await c.ping();
    assert.equal(server.requests.length, 3);
    assertResigned(server);
  }));

test('reset on every attempt: a TaskclusterError with a transport code and no statusCode', () =>
  withServer((_r, res) => res.socket?.destroy(), async (server, c) => {
    const err = (await c.ping().catch((e: unknown) => e)) as TaskclusterError;
    assert.ok(err instanceof TaskclusterError);
    assert.equal(err.statusCode, undefined);
    assert.equal(server.requests.length, 3);
    assert.equal(err.retries, 2);
    assert.ok(err.code.length > 0);
    assert.ok(!err.message.includes(CREDS.accessToken));
  }, { retries: 2 }));

test('a hang past the per-attempt timeout is retried, then ECONNABORTED', () =>
  withServer(() => { /* never answer */ }, async (server, c) => {
    const err = (await c.ping().catch((e: unknown) => e)) as TaskclusterError;
    assert.equal(err.code, 'ECONNABORTED');
    assert.match(err.message, /timed out after 400 ms/);
    assert.equal(server.requests.length, 2);
    assertResigned(server);
    // 400 ms, not less: on a loaded 2-core machine a retried request can take longer than 50 ms to reach the server at all.
  }, { retries: 1, timeout: 400 }));

test('abort: per call during a request, and during a backoff sleep; per client', async () => {
  await withServer(() => { /* hang */ }, async (server, c) => {
    const ac = new AbortController();
    const p = c.ping({ signal: ac.signal });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    ac.abort(new Error('stop'));
    await assert.rejects(p, /stop/);
    assert.equal(server.requests.length, 1);
  });
  // Backoff of 10 minutes: the call must end when aborted, not when the sleep ends.
  await withServer((_r, res) => json(res, 500, {}), async (server, c) => {
    const ac = new AbortController();
    const p = c.ping({ signal: ac.signal });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    ac.abort();
    await assert.rejects(p, { name: 'AbortError' });
    assert.equal(server.requests.length, 1);
  }, { delayFactor: 300_000, maxDelay: 600_000 });
  const ac = new AbortController();
  await withServer((_r, res) => json(res, 200, {}), async (server, c) => {
    ac.abort();
    await assert.rejects(c.ping(), { name: 'AbortError' });
    await assert.rejects(c.ping({ signal: new AbortController().signal }), { name: 'AbortError' });
    assert.equal(server.requests.length, 0);
  }, { signal: ac.signal });
});

test('backoff formula as the official retry.js', () => {
  const o = { ...RETRY_DEFAULTS };
  assert.deepEqual(RETRY_DEFAULTS, { retries: 5, delayFactor: 100, randomizationFactor: 0.25, maxDelay: 30_000 });
  assert.equal(backoffDelay(1, o, 0.5), 200);
  assert.equal(backoffDelay(3, o, 0), 800 * 0.75);
  assert.equal(backoffDelay(3, o, 1), 800 * 1.25);
  assert.equal(backoffDelay(20, o, 0.5), 30_000);
  assert.equal(retryAfterDelay('2', 30_000), 2000);
  assert.equal(retryAfterDelay('99999', 30_000), 30_000);
  assert.equal(retryAfterDelay(new Date(10_000).toUTCString(), 30_000, 5_000), 5000);
  assert.equal(retryAfterDelay('soon', 30_000), undefined);
  assert.equal(retryAfterDelay(undefined, 30_000), undefined);
});
