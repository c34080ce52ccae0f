// Wire equality with the official taskcluster-client 87.1.3 for every function of every service
// of v87.1.3: the package generated from ../shared/taskcluster-references/v87.1.3 (once, into a
// temp dir, imported from its dist) and the official client call the Hawk-verifying recording
// server of test/runtime/helpers.ts; method, path, query, body and content-type must match.
// test/runtime/wire.test.ts does the same for purge-cache alone, with its hand-made twin.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pascalCase } from '../../generator/model/names.ts';
import { CREDS, json, startServer, type Recorded, type TestServer } from '../runtime/helpers.ts';
import { generateInto, importDist, officialClient, skipUnlessSnapshot, snapshotDir, type Generated } from './helpers.ts';

const VERSION = 'v87.1.3';
const skip = skipUnlessSnapshot(VERSION);

interface Entry { type: string; name: string; method: string; route: string; args: string[]; query?: string[]; input?: string; output?: string }
interface Reference { $schema: string; serviceName: string; entries: Entry[] }
type Methods = Record<string, (...args: unknown[]) => Promise<unknown>>;

/** Route args that need encoding, a nested payload with non-ASCII text, and every query key. */
function sampleArgs(entry: Entry): unknown[] {
  const args: unknown[] = entry.args.map((arg, i) => `${arg}/x y ${i}&?é`);
  if (entry.input) args.push({ name: 'payload ä/ö', nested: { n: 1.5, list: [true, null, 'x'] }, empty: {} });
  if (entry.query && entry.query.length > 0) args.push(Object.fromEntries(entry.query.map((q, i) => [q, `v ${i}+/é&=`])));
  return args;
}

const wire = (r: Recorded) => ({ method: r.method, path: r.path, query: r.query, body: r.body, contentType: r.headers['content-type'] });

let server: TestServer;
let generated: Generated | undefined;
before(async () => {
  server = await startServer((_r, res) => json(res, 200, {}));
  if (!skip) generated = await generateInto({ references: snapshotDir(VERSION) });
});
after(async () => {
  await server.close();
  await generated?.cleanup();
});

test(`same requests on the wire as taskcluster-client, every function of every ${VERSION} service`, { skip }, async (t) => {
  const dir = snapshotDir(VERSION);
  const manifest = JSON.parse(await readFile(path.join(dir, 'references', 'manifest.json'), 'utf8')) as { references: string[] };
  const references = (await Promise.all(manifest.references.map(async (r) => JSON.parse(await readFile(path.join(dir, r), 'utf8')) as Reference)))
    .filter((r) => r.$schema === '/schemas/common/api-reference-v0.json#');
  const index = await importDist(generated!.out);
  const { tc } = await officialClient();
  const options = { rootUrl: server.rootUrl, credentials: CREDS, retries: 0 };
  let compared = 0;
  for (const reference of references) {
    const className = pascalCase(reference.serviceName);
    assert.equal(typeof tc[className], 'function', `the official client has ${className}`);
    const theirs = new tc[className](options) as Methods;
    const oursClient = new index[className](options);
    const ours = oursClient as Methods;
    try {
      for (const entry of reference.entries.filter((e) => e.type === 'function')) {
        const args = sampleArgs(entry);
        const what = `${className}.${entry.name}`;
        await theirs[entry.name]!(...args);
        const official = server.requests.at(-1)!;
        await ours[entry.name]!(...args);
        const mine = server.requests.at(-1)!;
        assert.notEqual(official, mine, `${what}: ours made a request`);
        assert.deepEqual(wire(mine), wire(official), what);
        assert.equal(official.auth?.ok, true, `official ${what}: ${official.auth?.error}`);
        assert.equal(mine.auth?.ok, true, `ours ${what}: ${mine.auth?.error}`);
        compared++;
      }
    } finally {
      await index.closeClient(oursClient);
    }
  }
  const functions = references.reduce((n, r) => n + r.entries.filter((e) => e.type === 'function').length, 0);
  assert.equal(compared, functions);
  assert.ok(compared > 150, `compared ${compared} functions`);
  t.diagnostic(`${compared} functions of ${references.length} services compared`);
});
