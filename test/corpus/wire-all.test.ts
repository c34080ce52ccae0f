// Wire and response equality with the official taskcluster-client 87.1.3 for every function of
// every service of v87.1.3: the package generated from ../shared/taskcluster-references/v87.1.3
// (once, into a temp dir, imported from its dist) and the official client call the
// Hawk-verifying recording server of test/runtime/helpers.ts; method, path, query, body and
// content-type must match, and then, for each kind of answer a deployment sends, what each
// client resolves or rejects with. test/runtime/wire.test.ts does the same for purge-cache alone.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pascalCase } from '../../generator/model/names.ts';
import type { ServerResponse } from 'node:http';
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

/** How the server answers; the response modes below change it. */
let answer: (res: ServerResponse) => void = (res) => json(res, 200, {});
let server: TestServer;
let generated: Generated | undefined;
before(async () => {
  server = await startServer((_r, res) => answer(res));
  if (!skip) generated = await generateInto({ references: snapshotDir(VERSION) });
});
after(async () => {
  if (pairs) for (const pair of await pairs) await pair.close();
  await server.close();
  await generated?.cleanup();
});

/** One function of one service, with both clients for its service (clients shared by all tests). */
interface Pair { className: string; entry: Entry; what: string; theirs: Methods; ours: Methods }
let pairs: Promise<Array<Pair & { close(): Promise<void> }>> | undefined;
let serviceCount = 0;

/** Every function of every api reference of the snapshot, in manifest order; built once. */
function allPairs(): Promise<Array<Pair & { close(): Promise<void> }>> {
  pairs ??= (async () => {
    const dir = snapshotDir(VERSION);
    const manifest = JSON.parse(await readFile(path.join(dir, 'references', 'manifest.json'), 'utf8')) as { references: string[] };
    const references = (await Promise.all(manifest.references.map(async (r) => JSON.parse(await readFile(path.join(dir, r), 'utf8')) as Reference)))
      .filter((r) => r.$schema === '/schemas/common/api-reference-v0.json#');
    serviceCount = references.length;
    const index = await importDist(generated!.out);
    const { tc } = await officialClient();
    const options = { rootUrl: server.rootUrl, credentials: CREDS, retries: 0 };
    const result: Array<Pair & { close(): Promise<void> }> = [];
    for (const reference of references) {
      const className = pascalCase(reference.serviceName);
      assert.equal(typeof tc[className], 'function', `the official client has ${className}`);
      const theirs = new tc[className](options) as Methods;
      const oursClient = new index[className](options);
      // Each client is closed once, with the first pair of its service.
      let close = (): Promise<void> => index.closeClient(oursClient) as Promise<void>;
      for (const entry of reference.entries.filter((e) => e.type === 'function')) {
        result.push({ className, entry, what: `${className}.${entry.name}`, theirs, ours: oursClient as Methods, close });
        close = async () => {};
      }
    }
    return result;
  })();
  return pairs;
}

test(`same requests on the wire as taskcluster-client, every function of every ${VERSION} service`, { skip }, async (t) => {
  answer = (res) => json(res, 200, {});
  let compared = 0;
  for (const { entry, what, theirs, ours } of await allPairs()) {
    const args = sampleArgs(entry);
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
  assert.ok(compared > 150, `compared ${compared} functions`);
  t.diagnostic(`${compared} functions of ${serviceCount} services compared`);
});

// ---- Responses: what each client resolves or rejects with, per kind of answer ----

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const send = (status: number, headers: Record<string, string>, body: string) => (res: ServerResponse) => {
  res.writeHead(status, headers);
  res.end(body);
};
const ARTIFACT = { storageType: 's3', url: 'https://bucket.example.com/public/build/target.tar.gz?signature=x%2Fy' };
/** A Taskcluster error body as the services send it (`{ code, message, requestInfo }`). */
const errorBody = (code: string, message: string) =>
  JSON.stringify({ code, message, requestInfo: { method: 'someMethod', params: { taskId: 'x' }, payload: {}, time: '2024-01-01T00:00:00.000Z' } });

/**
 * The answers a deployment sends. `entries` picks the functions a mode applies to; where ours
 * differs from the official client by design, `documented` says which case it is (README,
 * "Responses").
 */
const MODES: Array<{ name: string; answer: (res: ServerResponse) => void; entries?: (e: Entry) => boolean; documented?: (e: Entry) => boolean }> = [
  { name: '200 JSON (entries with an output schema)', answer: send(200, JSON_TYPE, '{"taskId":"abc","list":[1,null,"é"],"nested":{"ok":true}}'), entries: (e) => e.output !== undefined },
  { name: '200 JSON (entries without an output schema)', answer: send(200, JSON_TYPE, '{"alive":true,"version":"87.1.3"}'), entries: (e) => e.output === undefined },
  { name: '303 with Location and a JSON body', answer: send(303, { ...JSON_TYPE, location: ARTIFACT.url }, JSON.stringify(ARTIFACT)) },
  // The official client resolves undefined; an entry with an output schema rejects with InvalidResponseBody in ours.
  { name: '204 empty', answer: send(204, {}, ''), documented: (e) => e.output !== undefined },
  { name: '200 text/plain', answer: send(200, { 'content-type': 'text/plain; charset=utf-8' }, 'OK'), documented: (e) => e.output !== undefined },
  { name: '404 with a Taskcluster error body', answer: send(404, JSON_TYPE, errorBody('ResourceNotFound', 'Indexed task not found')) },
  { name: '400 with a Taskcluster error body', answer: send(400, JSON_TYPE, errorBody('InputValidationError', 'Schema Validation Failed!')) },
  // What the real queue answers getArtifact for an error artifact (test/deployment/artifacts.ts): a body without `code`.
  { name: '424 from an error artifact (reason and message, no code)', answer: send(424, { ...JSON_TYPE, 'x-taskcluster-artifact-storage-type': 'error' }, '{"reason":"file-missing-on-worker","message":"the worker found no such file"}') },
  { name: '500 (retries: 0)', answer: send(500, JSON_TYPE, errorBody('InternalServerError', 'Internal Server Error, incidentId 1')) },
];

type Outcome = { resolved: unknown } | { rejected: { statusCode: unknown; code: unknown; message: unknown; body: unknown } };

/** Calls `call` and says what it settled with, and how many requests it made. */
async function settle(call: () => Promise<unknown>): Promise<{ outcome: Outcome; requests: number; error?: any }> {
  const before = server.requests.length;
  try {
    const resolved = await call();
    return { outcome: { resolved }, requests: server.requests.length - before };
  } catch (error: any) {
    const { statusCode, code, message, body } = error ?? {};
    return { outcome: { rejected: { statusCode, code, message, body } }, requests: server.requests.length - before, error };
  }
}

test(`same results and errors as taskcluster-client for every kind of answer, every function of every ${VERSION} service`, { skip }, async (t) => {
  const all = await allPairs();
  const artifactCalls = new Set(['Queue.getArtifact', 'Queue.getLatestArtifact', 'Index.findArtifactFromTask']);
  let artifactHits = 0;
  const perMode: number[] = [];
  for (const mode of MODES) {
    answer = mode.answer;
    let same = 0;
    let documented = 0;
    for (const { entry, what, theirs, ours } of all.filter((p) => mode.entries?.(p.entry) ?? true)) {
      const args = sampleArgs(entry);
      const official = await settle(() => theirs[entry.name]!(...args));
      const mine = await settle(() => ours[entry.name]!(...args));
      const label = `${mode.name}: ${what}`;
      assert.equal(official.requests, 1, `${label}: the official client made one request`);
      assert.equal(mine.requests, 1, `${label}: ours made one request (not followed, not retried)`);
      if (mode.documented?.(entry)) {
        // The documented difference, exactly: they resolve undefined, we reject without retrying.
        assert.deepEqual(official.outcome, { resolved: undefined }, label);
        assert.equal(mine.error?.name, 'TaskclusterError', label);
        assert.equal(mine.error?.code, 'InvalidResponseBody', label);
        assert.equal(mine.error?.retries, 0, label);
        documented++;
        continue;
      }
      assert.deepEqual(mine.outcome, official.outcome, label);
      if ('rejected' in mine.outcome) assert.equal(mine.error?.retries, 0, label);
      if (mode.name.startsWith('303') && artifactCalls.has(what)) {
        assert.deepEqual(mine.outcome, { resolved: ARTIFACT }, label);
        artifactHits++;
      }
      same++;
    }
    perMode.push(same + documented);
    t.diagnostic(`${mode.name}: ${same} functions settle as the official client${documented ? `, ${documented} with the documented difference` : ''}`);
  }
  // Every function got every answer (the two 200 JSON modes split them), and the artifact calls resolved with the 303 body.
  MODES.forEach((m, i) => m.entries || assert.equal(perMode[i], all.length, m.name));
  assert.equal(perMode[0]! + perMode[1]!, all.length);
  assert.equal(all.length, 185);
  assert.equal(artifactHits, artifactCalls.size);
});
