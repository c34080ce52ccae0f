// The fetch transport (browsers) cannot read a redirect: its UnexpectedRedirect error says what
// to use instead. Run on Node against a fetch that answers as a browser does with
// `redirect: 'manual'` (an opaque redirect: no status, headers or body).
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { attempt } from '../../templates/runtime/transport-fetch.ts';
import { TaskclusterError } from '../../templates/runtime/errors.ts';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

test('an opaque redirect rejects with UnexpectedRedirect naming buildSignedUrlAsync and the artifact helpers, not retried', async () => {
  const seen: RequestInit[] = [];
  globalThis.fetch = (async (_url: string, init: RequestInit) => {
    seen.push(init);
    return { type: 'opaqueredirect', status: 0, headers: new Headers() } as unknown as Response;
  }) as typeof fetch;
  const error = await attempt({
    dispatcher: undefined,
    origin: 'https://tc.example.com',
    path: '/api/queue/v1/task/abc/artifacts/public%2Fx',
    method: 'GET',
    headers: {},
    body: undefined,
    timeout: 5000,
    signal: undefined,
  }).catch((e: unknown) => e);
  assert.equal(seen[0]?.redirect, 'manual');
  assert.ok(error instanceof TaskclusterError);
  assert.equal(error.code, 'UnexpectedRedirect');
  assert.equal(error.retries, 0);
  assert.match(error.message, /^GET https:\/\/tc\.example\.com\/api\/queue\/v1\/task\/abc\/artifacts\/public%2Fx answered with a redirect/);
  assert.match(error.message, /buildSignedUrlAsync\(client\.<method>/);
  assert.match(error.message, /downloadArtifact/);
});
