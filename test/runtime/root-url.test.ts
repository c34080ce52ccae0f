// Root URL normalisation as the official client does it (taskcluster-lib-urls: every trailing
// slash of the root URL and every leading slash of the route dropped): the same URLs from
// buildUrl and buildSignedUrl as taskcluster-client, the same request line on the wire, and the
// same through TASKCLUSTER_ROOT_URL / TASKCLUSTER_PROXY_URL.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { closeClient, type EntryDefinition } from '../../templates/runtime/index.ts';
import { routePath } from '../../templates/runtime/url.ts';
import { CREDS, PurgeCache, json, startServer, type TestServer } from './helpers.ts';

type Official = new (o: object) => Record<string, (...a: unknown[]) => any>;
const tcUrls = createRequire(import.meta.url)('taskcluster-lib-urls') as { api(root: string, s: string, v: string, p: string): string };
let OfficialPurgeCache: Official;
let server: TestServer;
const clients: PurgeCache[] = [];

before(async () => {
  OfficialPurgeCache = ((await import('taskcluster-client' as string)).default as { PurgeCache: Official }).PurgeCache;
  server = await startServer((_r, res) => json(res, 200, {}));
});
after(async () => {
  await Promise.all(clients.map(closeClient));
  await server.close();
});

const ours = (rootUrl: string): PurgeCache => {
  const c = new PurgeCache({ rootUrl, credentials: CREDS, retries: 0 });
  clients.push(c);
  return c;
};
const withoutBewit = (url: string) => url.replace(/[?&]bewit=[^&]*$/, '');

const SUFFIXES = ['', '/', '//', '///', '/tc', '/tc/', '/tc///', '/a/b//'];

test('buildUrl and buildSignedUrl: the official client\'s URLs for root URLs ending in any number of slashes, with or without a path', () => {
  for (const suffix of SUFFIXES) {
    const rootUrl = `https://tc.example.com${suffix}`;
    const mine = ours(rootUrl);
    const theirs = new OfficialPurgeCache({ rootUrl, credentials: CREDS });
    for (const args of [['pool/a'], ['pool/a', { since: '2024-01-01 x' }]] as const) {
      const expected = theirs.buildUrl!(theirs.purgeRequests, ...args) as string;
      assert.doesNotMatch(expected, /\/\/api\//, rootUrl);
      // Typed buildUrl takes the route args then the query, so each arity is its own call.
      const [pool, query] = args;
      assert.equal(query ? mine.buildUrl(mine.purgeRequests, pool, query) : mine.buildUrl(mine.purgeRequests, pool), expected, `buildUrl with ${rootUrl}`);
      const signed = query ? mine.buildSignedUrl(mine.purgeRequests, pool, query) : mine.buildSignedUrl(mine.purgeRequests, pool);
      assert.equal(withoutBewit(signed), withoutBewit(theirs.buildSignedUrl!(theirs.purgeRequests, ...args) as string), `buildSignedUrl with ${rootUrl}`);
    }
    assert.equal(mine.buildUrl(mine.ping), tcUrls.api(rootUrl, 'purge-cache', 'v1', '/ping'));
  }
});

test('other spellings of a root URL: the official client\'s URL, in the WHATWG URL form undici sends', () => {
  // The official client concatenates strings (and got then sends the parsed URL); we parse once,
  // so buildUrl spells the same URL canonically: lower-case host, no default port, punycode,
  // dot segments resolved, spaces percent-encoded.
  const roots = ['https://TC.Example.COM', 'https://tc.example.com:443', 'http://tc.example.com:80/', 'https://tc.example.com/a/../b//', 'https://tc.example.com/p q', 'https://bücher.example'];
  for (const rootUrl of roots) {
    const theirs = new OfficialPurgeCache({ rootUrl, credentials: CREDS });
    const expected = new URL(theirs.buildUrl!(theirs.purgeRequests, 'pool/a', { since: 'x y' }) as string).href;
    const mine = ours(rootUrl);
    assert.equal(mine.buildUrl(mine.purgeRequests, 'pool/a', { since: 'x y' }), expected, rootUrl);
  }
});

test('on the wire: the official client\'s request line, signature verified, for every suffix', async () => {
  for (const suffix of SUFFIXES) {
    const rootUrl = server.rootUrl + suffix;
    await new OfficialPurgeCache({ rootUrl, credentials: CREDS, retries: 0 }).purgeRequests!('pool/a', { since: 'x' });
    const official = server.requests.at(-1)!;
    await ours(rootUrl).purgeRequests('pool/a', { since: 'x' });
    const mine = server.requests.at(-1)!;
    assert.notEqual(mine, official);
    assert.equal(mine.url, official.url, rootUrl);
    assert.doesNotMatch(mine.url, /\/\//, rootUrl);
    assert.equal(mine.auth?.ok, true, mine.auth?.error);
    // A signed URL from that root works against the server too.
    const signed = new URL(ours(rootUrl).buildSignedUrl(ours(rootUrl).purgeRequests, 'pool/a'));
    const res = await fetch(signed);
    await res.arrayBuffer();
    assert.equal(server.requests.at(-1)!.auth?.ok, true, server.requests.at(-1)!.auth?.error);
    assert.equal(server.requests.at(-1)!.path, official.path);
  }
});

test('a quote in a query value: sent as %27, as the official client (got) and browsers send it, so the signature covers what is sent', async () => {
  // encodeURIComponent leaves ' as is, but the WHATWG URL parser (fetch in browsers and in Node,
  // got in the official client) encodes it in the query of http(s) URLs: signed as ', sent as %27,
  // the server computed another MAC ("Bad mac"). Every character encodeURIComponent leaves is tried.
  const since = "it's !~*()-_.";
  await new OfficialPurgeCache({ rootUrl: server.rootUrl, credentials: CREDS, retries: 0 }).purgeRequests!('pool/a', { since });
  const official = server.requests.at(-1)!;
  await ours(server.rootUrl).purgeRequests('pool/a', { since });
  const mine = server.requests.at(-1)!;
  assert.equal(mine.url, official.url);
  assert.equal(mine.auth?.ok, true, mine.auth?.error);
  const built = ours(server.rootUrl).buildUrl(ours(server.rootUrl).purgeRequests, 'pool/a', { since });
  assert.equal(built, new URL(built).href);
  // A signed URL fetched through WHATWG fetch (as a page would) verifies.
  const signed = ours(server.rootUrl).buildSignedUrl(ours(server.rootUrl).purgeRequests, 'pool/a', { since });
  assert.equal(signed, new URL(signed).href);
  await (await fetch(signed)).arrayBuffer();
  assert.equal(server.requests.at(-1)!.auth?.ok, true, server.requests.at(-1)!.auth?.error);
});

test('TASKCLUSTER_ROOT_URL and TASKCLUSTER_PROXY_URL with trailing slashes: normalised the same way', async () => {
  for (const variable of ['TASKCLUSTER_ROOT_URL', 'TASKCLUSTER_PROXY_URL'] as const) {
    const env = { [variable]: `${server.rootUrl}/tc///`, TASKCLUSTER_CLIENT_ID: 'tester', TASKCLUSTER_ACCESS_TOKEN: CREDS.accessToken };
    const c = new PurgeCache({ ...PurgeCache.fromEnvVars({ retries: 0 }, env) });
    clients.push(c);
    assert.equal(c.buildUrl(c.ping), `${server.rootUrl}/tc/api/purge-cache/v1/ping`);
    await c.ping();
    assert.equal(server.requests.at(-1)!.url, '/tc/api/purge-cache/v1/ping');
    // The proxy signs for us: no credentials are sent through it.
    assert.equal(server.requests.at(-1)!.headers.authorization === undefined, variable === 'TASKCLUSTER_PROXY_URL');
  }
});

test('routes: leading slashes dropped and one added, as taskcluster-lib-urls api() does', () => {
  const entry = (route: string): EntryDefinition => ({ name: 'x', method: 'GET', route, args: ['a'], query: [], input: false, output: false });
  for (const route of ['/x/<a>', 'x/<a>', '//x/<a>', '///x/<a>/']) {
    const path = routePath(entry(route), ['v/1']);
    assert.equal(`https://h/api/s/v1${path}`, tcUrls.api('https://h', 's', 'v1', route.replace('<a>', 'v%2F1')), route);
  }
});
