// The platform modules chosen by the runtime's `imports` conditions: the Web Crypto, fetch and
// browser-environment variants give what the Node ones give (run here on Node, which has
// crypto.subtle and fetch), the async signing forms equal the sync ones, the query string equals
// node:querystring's, and the retry, timeout and abort suite passes on the fetch transport too.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { stringify as nodeStringify } from 'node:querystring';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as nodeCrypto from '../../templates/runtime/crypto-node.ts';
import * as webCrypto from '../../templates/runtime/crypto-web.ts';
import { processEnv as browserEnv } from '../../templates/runtime/env-browser.ts';
import { nodeVersion as browserNodeVersion } from '../../templates/runtime/env-browser.ts';
import { nodeVersion, processEnv } from '../../templates/runtime/env-process.ts';
import { hawkBewit, hawkBewitAsync, hawkHeader, hawkHeaderAsync, hawkTarget } from '../../templates/runtime/hawk.ts';
import { createTemporaryCredentialsAsync } from '../../templates/runtime/index.ts';
import { stringify } from '../../templates/runtime/querystring.ts';
import { attempt as fetchAttempt, CORS_REQUEST_HEADERS } from '../../templates/runtime/transport-fetch.ts';
import { expectedCertSignature, expectedTempKey, startServer, USERS } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEXTS = ['', 'a', 'hawk.1.header\n1\nx\nGET\n/p?q=1\nh\n443\n\n\n', 'ünïcödé ✓ 𝄞', '\\ and \n', 'x'.repeat(100_000)];

test('incremental sha256 and sha512 (object hashes) are the same from Web Crypto, node:crypto and one-shot hashing, for any chunking', async () => {
  const data = new Uint8Array(randomBytes(70_000));
  for (const cuts of [[], [0], [1, 2, 3], [65_536], [10, 40_000, 69_999]]) {
    const chunks = [0, ...cuts, data.length].slice(1).map((end, i, ends) => data.subarray(i === 0 ? 0 : ends[i - 1]!, end));
    for (const algorithm of ['sha256', 'sha512'] as const) {
      const expected = createHash(algorithm).update(data).digest('hex');
      for (const platform of [nodeCrypto, webCrypto]) {
        const hash = platform.createContentHash(algorithm);
        for (const chunk of chunks) hash.update(chunk);
        assert.equal(await hash.digestHex(), expected, `${algorithm} ${cuts.join()}`);
      }
    }
  }
  // A chunk the caller reuses after update (as a stream's buffer pool may) does not change the digest.
  const reused = new Uint8Array([1, 2, 3]);
  const hash = webCrypto.createContentHash('sha256');
  hash.update(reused);
  reused.fill(0);
  assert.equal(await hash.digestHex(), createHash('sha256').update(new Uint8Array([1, 2, 3])).digest('hex'));
});

test('the User-Agent platform part: Node\'s version from env-process, none in a browser', () => {
  assert.equal(nodeVersion(), process.versions.node);
  assert.equal(browserNodeVersion(), undefined);
});

test('Web Crypto HMAC, base64 and base64url equal node:crypto and Buffer', async () => {
  for (const key of ['k', 'tester-access-token-SECRET', 'ключ 🔑']) {
    for (const text of TEXTS) {
      for (const encoding of ['base64', 'base64url'] as const) {
        assert.equal(await webCrypto.hmacSha256Async(key, text, encoding), nodeCrypto.hmacSha256(key, text, encoding));
        assert.equal(await nodeCrypto.hmacSha256Async(key, text, encoding), nodeCrypto.hmacSha256(key, text, encoding));
        assert.equal(webCrypto.encodeText(text, encoding), nodeCrypto.encodeText(text, encoding));
      }
    }
  }
  for (let n = 0; n < 70; n++) {
    const bytes = new Uint8Array(randomBytes(n));
    for (const encoding of ['base64', 'base64url'] as const) assert.equal(webCrypto.encodeBytes(bytes, encoding), nodeCrypto.encodeBytes(bytes, encoding));
  }
  assert.match(webCrypto.randomNonce(), /^[0-9a-f]{12}$/);
  assert.equal(webCrypto.randomBytes(16).length, 16);
  assert.throws(() => webCrypto.hmacSha256('k', 't', 'base64'), /Web Crypto is asynchronous: use buildSignedUrlAsync or createTemporaryCredentialsAsync/);
});

test('async Hawk header and bewit equal the sync ones', async () => {
  const target = hawkTarget(new URL('https://TC.example.com:8443'));
  const base = { clientId: 'c', accessToken: 'k', resource: '/api/x/v1/y?z=1', target, ext: 'eyJhIjoxfQ==' };
  assert.equal(await hawkHeaderAsync({ ...base, method: 'POST', ts: 1700000000, nonce: 'n' }), hawkHeader({ ...base, method: 'POST', ts: 1700000000, nonce: 'n' }));
  assert.equal(await hawkBewitAsync({ ...base, ttlSec: 60, now: 1700000000000 }), hawkBewit({ ...base, ttlSec: 60, now: 1700000000000 }));
});

test('createTemporaryCredentialsAsync: certificate and key as the auth service recomputes them', async () => {
  const issuer = { clientId: 'issuer', accessToken: USERS.issuer! };
  for (const clientId of [undefined, 'issuer/named']) {
    const creds = await createTemporaryCredentialsAsync({ clientId, credentials: issuer, scopes: ['a:*', 'b'], start: new Date(0), expiry: new Date(3_600_000) });
    const cert = JSON.parse(creds.certificate) as Record<string, unknown>;
    assert.equal(creds.clientId, clientId ?? 'issuer');
    assert.equal(cert.signature, expectedCertSignature(issuer.accessToken, creds.clientId, cert));
    assert.equal(creds.accessToken, expectedTempKey(issuer.accessToken, cert.seed as string));
  }
  await assert.rejects(createTemporaryCredentialsAsync({ credentials: issuer, scopes: [], start: new Date(0), expiry: new Date(40 * 86_400_000) }), /31 days/);
});

test('without crypto.subtle (a browser page that is not a secure context) signing rejects saying why, even with a key already imported', async () => {
  await webCrypto.hmacSha256Async('imported-before', 't', 'base64');
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;
  // What an http: page other than localhost has: getRandomValues, no subtle.
  Object.defineProperty(globalThis, 'crypto', { value: { getRandomValues: (a: Uint8Array) => a }, configurable: true, writable: true });
  try {
    for (const key of ['imported-before', 'never-imported']) {
      await assert.rejects(webCrypto.hmacSha256Async(key, 't', 'base64'), /^TypeError: Web Crypto \(crypto\.subtle\) is not available: a browser offers it only in secure contexts/);
    }
    await assert.rejects(webCrypto.createContentHash('sha256').digestHex(), /^TypeError: Web Crypto \(crypto\.subtle\) is not available/);
  } finally {
    Object.defineProperty(globalThis, 'crypto', descriptor);
  }
  assert.equal(await webCrypto.hmacSha256Async('k', 't', 'base64'), nodeCrypto.hmacSha256('k', 't', 'base64'));
});

test('query strings equal node:querystring.stringify, with \' as %27 (WHATWG URL form)', () => {
  const cases: Record<string, unknown>[] = [
    {},
    { a: 'b' },
    { since: '2024-01-01 00:00', limit: 5, x: true, y: false, big: 12n },
    { 'k y': "!'()*~-._ &=?/#%+", u: 'ünï 𝄞' },
    { list: ['a', 'b c'], empty: [], after: 1 },
    { n: NaN, inf: Infinity, nul: null, obj: { a: 1 }, neg: -0.5 },
  ];
  // ' is the one difference: %27, as a WHATWG URL (fetch, got) writes it in the query.
  for (const query of cases) {
    const expected = nodeStringify(query as never).replaceAll("'", '%27');
    assert.equal(stringify(query), expected, JSON.stringify(query, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));
    assert.equal(new URL(`http://x/?${expected}`).search, expected === '' ? '' : `?${expected}`);
  }
});

test('the environment: process.env where there is one, a clear TypeError in browsers', () => {
  assert.equal(processEnv(), process.env);
  assert.throws(() => browserEnv(), /^TypeError: fromEnv reads TASKCLUSTER_\* environment variables, which a browser does not have: pass \{ rootUrl, credentials \}/);
});

test('the fetch transport sends only CORS-safe headers', async () => {
  const server = await startServer((_rec, res) => res.writeHead(200).end('{}'));
  try {
    const url = new URL(server.rootUrl);
    const res = await fetchAttempt({
      dispatcher: undefined,
      origin: url.origin,
      path: '/api/x/v1/y',
      method: 'POST',
      headers: { authorization: 'Hawk id="x"', 'content-type': 'application/json', 'user-agent': 'tcgen/1', 'x-custom': '1' },
      body: '{}',
      timeout: 5_000,
      signal: undefined,
    });
    assert.deepEqual(res, { statusCode: 200, headers: res.headers, text: '{}' });
    const [rec] = server.requests;
    assert.equal(rec!.headers.authorization, 'Hawk id="x"');
    assert.equal(rec!.headers['content-type'], 'application/json');
    assert.equal(rec!.headers['x-custom'], undefined);
    assert.notEqual(rec!.headers['user-agent'], 'tcgen/1');
    assert.deepEqual([...CORS_REQUEST_HEADERS].sort(), ['accept', 'authorization', 'cache-control', 'content-type', 'x-requested-with']);
  } finally {
    await server.close();
  }
});

test('retries, timeouts, aborts and pagination behave the same on the fetch transport (the retry suite under --conditions=browser)', () => {
  const run = spawnSync(process.execPath, ['--conditions=browser', '--import', 'tsx', '--test', 'test/runtime/retry.test.ts', 'test/runtime/paginate.test.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000, // killed rather than hang the suite
    // Without the parent runner's context the child runs and reports on its own.
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_TEST_CONTEXT')),
  });
  assert.equal(run.status, 0, run.stdout.slice(-3000) + run.stderr.slice(-2000));
  assert.match(run.stdout, /^# fail 0$/m);
  assert.doesNotMatch(run.stdout, /^# pass 0$/m);
});
