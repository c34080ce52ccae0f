// Second angles on two signing facts each caught by one test before: Hawk's default port (the
// MAC recomputed by hand from the Hawk normalized string, not through the hawk package), and a
// quote in a query (the request as a mock dispatcher receives it, verified by hawk's server side
// with the Host header a server sees, not through a loopback server or the official client).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { MockAgent } from 'undici';
import { hawkHeader, hawkTarget } from '../../templates/runtime/hawk.ts';
import { CREDS, PurgeCache, hawk } from './helpers.ts';

/** The Hawk 1 header MAC (hawk lib/crypto.js generateNormalizedString, no payload hash, no ext). */
function macByHand(key: string, ts: number, nonce: string, method: string, resource: string, host: string, port: number): string {
  const normalized = `hawk.1.header\n${ts}\n${nonce}\n${method}\n${resource}\n${host}\n${port}\n\n\n`;
  return createHmac('sha256', key).update(normalized).digest('base64');
}

test('Hawk default port: 443 for https and 80 for http enter the MAC when the URL gives none; an explicit default port signs the same', () => {
  const sign = (url: string) => {
    const u = new URL(url);
    return hawkHeader({ clientId: 'c', accessToken: 'k', method: 'GET', resource: u.pathname + u.search, target: hawkTarget(u), ext: undefined, ts: 1700000000, nonce: 'n0nce' });
  };
  const mac = (header: string) => /mac="([^"]+)"/.exec(header)![1];
  assert.equal(mac(sign('https://tc.example.com/api/x/v1/ping')), macByHand('k', 1700000000, 'n0nce', 'GET', '/api/x/v1/ping', 'tc.example.com', 443));
  assert.equal(mac(sign('http://tc.example.com/api/x/v1/ping')), macByHand('k', 1700000000, 'n0nce', 'GET', '/api/x/v1/ping', 'tc.example.com', 80));
  assert.notEqual(macByHand('k', 1700000000, 'n0nce', 'GET', '/api/x/v1/ping', 'tc.example.com', 443), macByHand('k', 1700000000, 'n0nce', 'GET', '/api/x/v1/ping', 'tc.example.com', 80));
  // new URL drops a default port given explicitly: the same header.
  assert.equal(sign('https://tc.example.com:443/api/x/v1/ping'), sign('https://tc.example.com/api/x/v1/ping'));
  assert.equal(mac(sign('https://tc.example.com:8443/api/x/v1/ping')), macByHand('k', 1700000000, 'n0nce', 'GET', '/api/x/v1/ping', 'tc.example.com', 8443));
});

test("a quote in a query: the request the dispatcher receives has %27, and hawk's server verifies its header for the default port", async () => {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const seen: Array<{ path: string; authorization: string }> = [];
  agent
    .get('https://tc.example.com')
    .intercept({ path: (path) => path.startsWith('/api/purge-cache/v1/purge-cache/'), method: 'GET' })
    .reply(200, (options) => {
      const headers = options.headers as Record<string, string>;
      seen.push({ path: options.path, authorization: headers.authorization ?? headers.Authorization! });
      return { requests: [] };
    }, { headers: { 'content-type': 'application/json' } });
  const client = new PurgeCache({ rootUrl: 'https://tc.example.com', credentials: CREDS, retries: 0, dispatcher: agent });
  try {
    await client.purgeRequests('pool/a', { since: "it's" });
  } finally {
    await agent.close();
  }
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.path, '/api/purge-cache/v1/purge-cache/pool%2Fa?since=it%27s');
  // As a server on port 443 behind its TLS terminator sees the request: Host without a port.
  const request = { method: 'GET', url: seen[0]!.path, headers: { host: 'tc.example.com', authorization: seen[0]!.authorization } } as unknown as IncomingMessage;
  const { credentials } = await hawk.server.authenticate(request, async (id) => ({ id, key: CREDS.accessToken, algorithm: 'sha256' }), { port: 443 });
  assert.equal(credentials.id, CREDS.clientId);
});
