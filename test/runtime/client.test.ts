// Signed requests, URLs, bodies and argument checks against a loopback server that
// verifies every signature with the `hawk` package.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { closeClient, createTemporaryCredentials, TaskclusterError } from '../../templates/runtime/index.ts';
import { CREDS, PurgeCache, USERS, decodeExt, fast, json, startServer, type TestServer } from './helpers.ts';

describe('signed requests', () => {
  let server: TestServer;
  const clients: PurgeCache[] = [];
  const make = (extra: Parameters<typeof fast>[1] = {}): PurgeCache => {
    const c = new PurgeCache(fast(server.rootUrl, extra));
    clients.push(c);
    return c;
  };
  before(async () => {
    server = await startServer((rec, res) => json(res, 200, { path: rec.path }));
  });
  after(async () => {
    await Promise.all(clients.map(closeClient));
    await server.close();
  });
  const last = () => server.requests.at(-1)!;

  test('permanent credentials: header verified by hawk, no ext', async () => {
    await make().ping();
    assert.deepEqual(last().auth?.ok, true, last().auth?.error);
    assert.equal(last().auth?.id, 'tester');
    assert.equal(last().auth?.ext, undefined);
    assert.match(last().headers.authorization!, /^Hawk id="tester", ts="\d+", nonce="[\w-]+", mac="[^"]+"$/);
  });

  test('no credentials: no Authorization header at all', async () => {
    await make({ credentials: undefined }).ping();
    assert.equal(last().headers.authorization, undefined);
    await make({ credentials: { clientId: '', accessToken: '' } }).ping();
    assert.equal(last().headers.authorization, undefined);
  });

  test('authorizedScopes per client and per call go in ext', async () => {
    const c = make({ authorizedScopes: ['purge-cache:a'] });
    await c.ping();
    assert.equal(last().auth?.ok, true, last().auth?.error);
    assert.deepEqual(last().auth?.ext, { authorizedScopes: ['purge-cache:a'] });
    await c.ping({ authorizedScopes: ['purge-cache:b', 'x'] });
    assert.equal(last().auth?.ok, true, last().auth?.error);
    assert.deepEqual(last().auth?.ext, { authorizedScopes: ['purge-cache:b', 'x'] });
    await c.ping({ authorizedScopes: [] });
    assert.deepEqual(last().auth?.ext, { authorizedScopes: [] });
  });

  const now = Date.now();
  const temp = (clientId?: string) =>
    createTemporaryCredentials({
      clientId, start: new Date(now - 60_000), expiry: new Date(now + 3600_000),
      scopes: ['purge-cache:*', 'queue:x'], credentials: { clientId: 'issuer', accessToken: USERS.issuer! },
    });

  for (const named of [false, true]) {
    test(`temporary credentials (${named ? 'named' : 'unnamed'}): certificate string and object both sent parsed`, async () => {
      const t = temp(named ? 'my-temp-client' : undefined);
      for (const certificate of [t.certificate, JSON.parse(t.certificate)]) {
        await make({ credentials: { ...t, certificate }, authorizedScopes: ['queue:x'] }).purgeCache('pool/a', { cacheName: 'c' });
        const { auth } = last();
        assert.equal(auth?.ok, true, auth?.error);
        assert.equal(auth?.id, named ? 'my-temp-client' : 'issuer');
        assert.deepEqual(auth?.ext, { certificate: JSON.parse(t.certificate), authorizedScopes: ['queue:x'] });
        assert.deepEqual(Object.keys(auth!.ext!), ['certificate', 'authorizedScopes']);
      }
    });
  }

  test('temporary credentials with scopes: [] are accepted by the server-side check (named and unnamed)', async () => {
    for (const clientId of [undefined, 'empty-temp']) {
      const t = createTemporaryCredentials({
        clientId, start: new Date(now - 60_000), expiry: new Date(now + 3600_000),
        scopes: [], credentials: { clientId: 'issuer', accessToken: USERS.issuer! },
      });
      await make({ credentials: t }).ping();
      assert.equal(last().auth?.ok, true, last().auth?.error);
      assert.deepEqual((last().auth?.ext?.certificate as { scopes: unknown }).scopes, []);
    }
    // The official client's certificate for scopes: [] is refused by the same check.
    const tc = (await import('taskcluster-client' as string)).default as {
      createTemporaryCredentials(o: object): { clientId: string; accessToken: string; certificate: string };
    };
    const theirs = tc.createTemporaryCredentials({
      start: new Date(now - 60_000), expiry: new Date(now + 3600_000), scopes: [], credentials: { clientId: 'issuer', accessToken: USERS.issuer! },
    });
    await make({ credentials: theirs }).ping();
    assert.equal(last().auth?.ok, false);
    assert.match(last().auth?.error ?? '', /bad certificate signature/);
  });

  test('a wrong access token fails verification (the check is real)', async () => {
    await make({ credentials: { clientId: 'tester', accessToken: 'wrong' } }).ping();
    assert.equal(last().auth?.ok, false);
  });

  test('buildSignedUrl: bewit verified by hawk.uri.authenticate, also with ext and query', async () => {
    const t = temp('bewit-temp');
    for (const extra of [{}, { authorizedScopes: ['a:b'] }, { credentials: t }]) {
      const c = make(extra);
      for (const url of [
        c.buildSignedUrl(c.purgeRequests, 'pool/x y', { since: '2020-01-01 00:00' }),
        c.buildSignedUrl(c.purgeRequests, 'p', undefined, { expiration: 60 }),
        c.buildSignedUrl(c.ping, { expiration: 30 }),
        c.buildSignedUrl(c.allPurgeRequests),
      ]) {
        const res = await request(url);
        await res.body.dump();
        assert.equal(last().auth?.ok, true, `${url}: ${last().auth?.error}`);
      }
    }
  });

  test('buildSignedUrl: only GET, needs credentials, expiration default 900 s', () => {
    const c = make();
    // @ts-expect-error a POST entry cannot be signed (refused at compile time as at run time)
    assert.throws(() => c.buildSignedUrl(c.purgeCache, 'p'), /only works for GET/);
    assert.throws(() => make({ credentials: undefined }).buildSignedUrl(c.ping), /credentials/);
    const bewit = new URL(c.buildSignedUrl(c.ping)).searchParams.get('bewit')!;
    const exp = Number(Buffer.from(bewit, 'base64url').toString().split('\\')[1]);
    assert.ok(Math.abs(exp - (Math.floor(Date.now() / 1000) + 900)) <= 2);
    // @ts-expect-error expiration is a number of seconds (refused at compile time as at run time)
    assert.throws(() => c.buildSignedUrl(c.ping, { expiration: 'soon' }), /expiration/);
  });

  test('each call is signed afresh (nonce changes)', async () => {
    const c = make();
    await c.ping();
    await c.ping();
    const [a, b] = server.requests.slice(-2);
    assert.notEqual(a!.auth?.nonce, b!.auth?.nonce);
  });
});

describe('URLs and bodies', () => {
  let server: TestServer;
  let c: PurgeCache;
  before(async () => {
    server = await startServer((rec, res) => json(res, 200, { ok: rec.path }));
    c = new PurgeCache(fast(server.rootUrl + '/'));
  });
  after(async () => {
    await closeClient(c);
    await server.close();
  });
  const last = () => server.requests.at(-1)!;

  test('route args encoded, query as querystring (space is %20), undefined keys omitted', async () => {
    const out = await c.purgeRequests('pool/with space&?', { since: 'a b+c/d' });
    assert.deepEqual(out, { ok: '/api/purge-cache/v1/purge-cache/pool%2Fwith%20space%26%3F' });
    assert.equal(last().query, 'since=a%20b%2Bc%2Fd');
    await c.allPurgeRequests({ continuationToken: undefined, limit: '5' });
    assert.equal(last().url, '/api/purge-cache/v1/purge-cache/list?limit=5');
    await c.allPurgeRequests({ continuationToken: undefined });
    assert.equal(last().url, '/api/purge-cache/v1/purge-cache/list');
  });

  test('JSON body and content-type only with a payload', async () => {
    await c.purgeCache('p', { cacheName: 'x y' });
    assert.equal(last().method, 'POST');
    assert.equal(last().headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(last().body), { cacheName: 'x y' });
    await c.ping();
    assert.equal(last().headers['content-type'], undefined);
    assert.equal(last().body, '');
  });

  test('buildUrl is synchronous and matches what is sent', async () => {
    assert.equal(c.buildUrl(c.ping), `${server.rootUrl}/api/purge-cache/v1/ping`);
    assert.equal(c.buildUrl(c.purgeRequests, 'a/b', { since: 'x y' }), `${server.rootUrl}/api/purge-cache/v1/purge-cache/a%2Fb?since=x%20y`);
    // @ts-expect-error not an API method of this client (refused at compile time as at run time)
    assert.throws(() => c.buildUrl(() => Promise.resolve(1)), /API method of this client/);
    // @ts-expect-error buildUrl(c.ping) takes no further arguments (refused at compile time as at run time)
    assert.throws(() => c.buildUrl(c.ping, 'extra'), /at most 0 arguments/);
    // @ts-expect-error the route argument is required (refused at compile time as at run time)
    assert.throws(() => c.buildUrl(c.purgeRequests), /missing route argument workerPoolId/);
    // An empty argument is a value, as in the official client (the index lists its root namespace so).
    assert.equal(c.buildUrl(c.purgeRequests, ''), `${server.rootUrl}/api/purge-cache/v1/purge-cache/`);
  });

  test('bad arguments: clear errors and no request', async () => {
    const before = server.requests.length;
    const anyC = c as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    await assert.rejects(anyC.purgeCache!('p'), { name: 'TypeError', message: /payload is missing/ });
    await assert.rejects(anyC.purgeCache!(), /missing route argument workerPoolId/);
    await assert.rejects(anyC.purgeCache!(undefined, {}), /workerPoolId must be a string, got undefined/);
    await assert.rejects(anyC.ping!({ cacheName: 'x' }), /takes no payload/);
    await assert.rejects(anyC.allPurgeRequests!({ bogus: '1' }), /unknown query key "bogus" \(allowed: continuationToken, limit\)/);
    await assert.rejects(anyC.ping!(undefined, 'extra'), /takes at most 1 arguments, got 2/);
    await assert.rejects(anyC.purgeRequests!('p', {}, { signal: 'no' }), /AbortSignal/);
    assert.equal(server.requests.length, before);
  });
});

describe('options and security', () => {
  test('refuses a rootUrl that is not http(s)', () => {
    for (const rootUrl of ['ftp://tc.example.com', 'file:///etc', 'javascript:alert(1)', 'tc.example.com', '', 'https://u:p@tc.example.com']) {
      assert.throws(() => new PurgeCache({ rootUrl }), TypeError, rootUrl);
    }
    assert.throws(() => new PurgeCache({ rootUrl: 'https://x', randomizationFactor: 1 }), /randomizationFactor/);
    assert.throws(() => new PurgeCache({ rootUrl: 'https://x', credentials: { clientId: 'a', accessToken: '' } }), /accessToken/);
    assert.throws(() => new PurgeCache({ rootUrl: 'https://x', credentials: { ...CREDS, certificate: '{oops' } }), (e: Error) =>
      /certificate is not valid JSON/.test(e.message) && !e.message.includes('oops'));
  });

  test('redirects are not followed: credentials never reach another host', async () => {
    const other = await startServer();
    const server = await startServer((_rec, res) => {
      res.writeHead(302, { location: `${other.rootUrl}/steal` });
      res.end();
    });
    const c = new PurgeCache(fast(server.rootUrl));
    try {
      // A 3xx is an answer, as in the official client: no JSON body, so ping resolves undefined.
      assert.equal(await c.ping(), undefined);
      assert.equal(server.requests.length, 1, '3xx is not retried');
      assert.equal(other.requests.length, 0, 'nothing sent to the redirect target');
    } finally {
      await closeClient(c);
      await Promise.all([server.close(), other.close()]);
    }
  });

  test('a server echoing the access token does not get it into the error message', async () => {
    const server = await startServer((_rec, res) => json(res, 400, { code: 'InputError', message: `bad token ${CREDS.accessToken}!` }));
    const c = new PurgeCache(fast(server.rootUrl));
    try {
      const err = (await c.ping().catch((e: unknown) => e)) as TaskclusterError;
      assert.equal(err.code, 'InputError');
      assert.equal(err.message, 'bad token <redacted>!');
      assert.ok(!String(err.stack).includes(CREDS.accessToken));
      assert.deepEqual(err.body, { code: 'InputError', message: 'bad token <redacted>!' });
    } finally {
      await closeClient(c);
      await server.close();
    }
  });

  test('non-JSON success body for an entry with output is a clear error; none needed without output', async () => {
    const server = await startServer((_rec, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>proxy login</html>');
    });
    const c = new PurgeCache(fast(server.rootUrl));
    try {
      await assert.rejects(c.allPurgeRequests(), (e: TaskclusterError) =>
        e instanceof TaskclusterError && e.code === 'InvalidResponseBody' && /expected a JSON response body.*text\/html/.test(e.message));
      assert.equal(server.requests.length, 1);
      assert.equal(await c.ping(), undefined);
    } finally {
      await closeClient(c);
      await server.close();
    }
  });
});

test('ext decoding helper sanity', () => {
  assert.deepEqual(decodeExt(Buffer.from('{"a":1}').toString('base64')), { a: 1 });
});
