// The hand-written signer produces byte-identical headers to the `hawk` package's client
// for pinned ts and nonce (the loopback tests verify live signatures with its server side).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildExt, hawkHeader, hawkTarget } from '../../templates/runtime/hawk.ts';
import { hawk } from './helpers.ts';

const credentials = { id: 'client/with:chars', key: 'secret-key', algorithm: 'sha256' };

test('header identical to hawk.client.header', () => {
  const ext = buildExt({ version: 1, seed: 'x' }, ['a:b', 'c\\d']);
  const cases = [
    ['https://tc.example.com/api/queue/v1/task/abc', 'GET', undefined],
    ['https://TC.Example.com:8443/api/queue/v1/task/abc?x=1%202&y=', 'POST', ext],
    ['http://127.0.0.1:3000/api/x/v1/ping', 'DELETE', buildExt(undefined, [])],
    ['http://[::1]/root/api/x/v1/ping', 'PUT', undefined],
  ] as const;
  for (const [url, method, e] of cases) {
    const u = new URL(url);
    const ours = hawkHeader({
      clientId: credentials.id, accessToken: credentials.key, method, resource: u.pathname + u.search,
      target: hawkTarget(u), ext: e, ts: 1700000000, nonce: 'abc123',
    });
    const theirs = hawk.client.header(url, method, { credentials, ext: e, timestamp: 1700000000, nonce: 'abc123' }).header;
    assert.equal(ours, theirs, url);
  }
});

test('ext holds only what is set, certificate first', () => {
  assert.equal(buildExt(undefined, undefined), undefined);
  const decode = (s: string | undefined) => JSON.parse(Buffer.from(s!, 'base64').toString()) as unknown;
  assert.deepEqual(decode(buildExt(undefined, ['s'])), { authorizedScopes: ['s'] });
  assert.equal(Buffer.from(buildExt({ a: 1 }, ['s'])!, 'base64').toString(), '{"certificate":{"a":1},"authorizedScopes":["s"]}');
});
