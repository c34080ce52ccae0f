// Wire equality of the runtime alone with the official taskcluster-client: for every
// purge-cache method, both clients call one recording server; method, path, query, body and
// content-type must match. The runtime is driven through the hand-made definition in
// helpers.ts, first checked against v87.1.3's purge-cache api.json; the generated classes of
// every service are compared the same way in test/corpus/wire-all.test.ts.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { closeClient } from '../../templates/runtime/index.ts';
import { CREDS, PURGE_CACHE, PurgeCache, json, startServer, type Recorded, type TestServer } from './helpers.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REFS = join(ROOT, '..', 'shared', 'taskcluster-references', 'v87.1.3');
const API_JSON = join(REFS, 'references', 'purge-cache', 'v1', 'api.json');

interface RefEntry { type: string; name: string; method: string; route: string; args: string[]; query?: string[]; input?: string; output?: string; scopes?: unknown }
type Methods = Record<string, (...args: unknown[]) => Promise<unknown>>;

function sampleArgs(entry: RefEntry): unknown[] {
  const args: unknown[] = entry.args.map((a, i) => `${a}/x y ${i}&?`);
  if (entry.input) args.push({ cacheName: 'cache name/ä', nested: { n: 1, list: [true, null] } });
  if (entry.query && entry.query.length > 0) args.push(Object.fromEntries(entry.query.map((q, i) => [q, `v ${i}+/é`])));
  return args;
}

const wire = (r: Recorded) => ({ method: r.method, path: r.path, query: r.query, body: r.body, contentType: r.headers['content-type'] });

let server: TestServer;
let entries: RefEntry[] = [];
before(async () => {
  server = await startServer((_r, res) => json(res, 200, {}));
  if (existsSync(API_JSON)) {
    entries = (JSON.parse(readFileSync(API_JSON, 'utf8')) as { entries: RefEntry[] }).entries.filter((e) => e.type === 'function');
  }
});
after(() => server.close());

test('hand-made purge-cache definition mirrors v87.1.3 api.json', (t) => {
  if (entries.length === 0) return t.skip(`${API_JSON} not found (../shared missing): cannot check the definition`);
  assert.deepEqual(Object.keys(PURGE_CACHE.entries), entries.map((e) => e.name));
  for (const e of entries) {
    assert.deepEqual(PURGE_CACHE.entries[e.name as keyof typeof PURGE_CACHE.entries], {
      name: e.name, method: e.method.toUpperCase(), route: e.route, args: e.args, query: e.query ?? [],
      input: Boolean(e.input), output: Boolean(e.output), ...(e.scopes === undefined ? {} : { scopes: e.scopes }),
    });
  }
});

test('same requests on the wire as the official client, every purge-cache method', async (t) => {
  if (entries.length === 0) return t.skip(`${API_JSON} not found (../shared missing): no wire comparison`);
  const tc = (await import('taskcluster-client' as string)).default as Record<string, new (o: object) => Methods>;
  const options = { rootUrl: server.rootUrl, credentials: CREDS, retries: 0 };
  const theirs = new tc.PurgeCache!(options);
  const oursClient = new PurgeCache(options);
  const ours = oursClient as unknown as Methods;
  try {
    for (const entry of entries) {
      const args = sampleArgs(entry);
      await theirs[entry.name]!(...args);
      const official = server.requests.at(-1)!;
      await ours[entry.name]!(...args);
      const mine = server.requests.at(-1)!;
      assert.notEqual(official, mine);
      assert.deepEqual(wire(mine), wire(official), entry.name);
      assert.equal(official.auth?.ok, true, `official ${entry.name}: ${official.auth?.error}`);
      assert.equal(mine.auth?.ok, true, `ours ${entry.name}: ${mine.auth?.error}`);
    }
  } finally {
    await closeClient(oursClient);
  }
});
