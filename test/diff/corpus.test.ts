// `tcgen diff` on the real snapshots in ../shared: v44.0.0 → v87.1.3, checked against counts
// computed here straight from the reference JSON files (not through the generator), services and
// the worker payloads (./workers), and v87.1.3 against itself. Skips where ../shared is missing.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import { runDiffCommand } from '../../generator/commands/diff.ts';
import type { Change, DiffReport } from '../../generator/diff/diff.ts';
import { skipUnlessSnapshot, snapshotDir, type Version } from '../corpus/helpers.ts';

const skip = skipUnlessSnapshot('v44.0.0') || skipUnlessSnapshot('v87.1.3');

interface RawService {
  /** Entry name → "METHOD route" of the api reference. */
  methods: Map<string, string>;
  /** Exchange name → its routing-key part names, joined by ".". */
  exchanges: Map<string, string>;
}

/** Each service's entries, read from the snapshot's manifest and reference files with nothing of tcgen's. */
async function readServices(version: Version): Promise<Map<string, RawService>> {
  const dir = snapshotDir(version);
  const read = async (file: string) => JSON.parse(await readFile(path.join(dir, file), 'utf8'));
  const manifest = await read('references/manifest.json');
  const services = new Map<string, RawService>();
  for (const url of manifest.references as string[]) {
    const reference = await read(url);
    const kind = /api-reference/.test(reference.$schema) ? 'api' : /exchanges-reference/.test(reference.$schema) ? 'exchanges' : undefined;
    if (kind === undefined) continue;
    const service = services.get(reference.serviceName) ?? { methods: new Map(), exchanges: new Map() };
    services.set(reference.serviceName, service);
    for (const entry of reference.entries) {
      if (kind === 'api') service.methods.set(entry.name, `${entry.method.toUpperCase()} ${entry.route}`);
      else service.exchanges.set(entry.name, entry.routingKey.map((part: { name: string }) => part.name).join('.'));
    }
  }
  return services;
}

const minus = <T>(a: Iterable<T>, b: { has(value: T): boolean }): T[] => [...a].filter((value) => !b.has(value)).sort();

async function diffCommand(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runDiffCommand(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

let report: DiffReport;
let oldServices: Map<string, RawService>;
let newServices: Map<string, RawService>;
before(async () => {
  if (skip) return;
  const result = await diffCommand([snapshotDir('v44.0.0'), snapshotDir('v87.1.3'), '--format', 'json']);
  assert.equal(result.code, 0, result.stderr);
  report = JSON.parse(result.stdout);
  [oldServices, newServices] = await Promise.all([readServices('v44.0.0'), readServices('v87.1.3')]);
});

const names = (changes: Change[], kind: Change['kind'], service: string) => changes.filter((c) => c.kind === kind && c.service === service).map((c) => c.name).sort();

test('v44.0.0 → v87.1.3: services, methods and exchanges added and removed, per service, as the JSON files say', { skip }, () => {
  assert.deepEqual(report.changes.filter((c) => c.kind === 'service-added').map((c) => c.service), minus(newServices.keys(), oldServices));
  assert.deepEqual(report.changes.filter((c) => c.kind === 'service-removed').map((c) => c.service), minus(oldServices.keys(), newServices));
  let methodsCompared = 0;
  for (const [service, before] of oldServices) {
    const after = newServices.get(service);
    if (after === undefined) continue;
    const expected = {
      methodsAdded: minus(after.methods.keys(), before.methods),
      methodsRemoved: minus(before.methods.keys(), after.methods),
      exchangesAdded: minus(after.exchanges.keys(), before.exchanges),
      exchangesRemoved: minus(before.exchanges.keys(), after.exchanges),
    };
    const found = {
      methodsAdded: names(report.changes, 'method-added', service),
      methodsRemoved: names(report.changes, 'method-removed', service),
      exchangesAdded: names(report.changes, 'exchange-added', service),
      exchangesRemoved: names(report.changes, 'exchange-removed', service),
    };
    assert.deepEqual(found, expected, service);
    methodsCompared += expected.methodsAdded.length + expected.methodsRemoved.length;
  }
  // Not a vacuous comparison: these snapshots differ by dozens of methods.
  assert.ok(methodsCompared >= 40, `only ${methodsCompared} methods added or removed`);
});

test('v44.0.0 → v87.1.3: the changed routes and routing keys are exactly those the JSON files differ in', { skip }, () => {
  const expectedRoutes: string[] = [];
  const expectedRoutingKeys: string[] = [];
  for (const [service, before] of oldServices) {
    const after = newServices.get(service);
    for (const [name, route] of before.methods) if (after?.methods.has(name) && after.methods.get(name) !== route) expectedRoutes.push(`${service}.${name}`);
    for (const [name, key] of before.exchanges) if (after?.exchanges.has(name) && after.exchanges.get(name) !== key) expectedRoutingKeys.push(`${service}.${name}`);
  }
  const found = (kind: Change['kind'], pattern: RegExp) => [...new Set(report.changes.filter((c) => c.kind === kind && pattern.test(c.reason)).map((c) => `${c.service}.${c.name}`))].sort();
  assert.deepEqual(found('method-changed', /^(route|HTTP method) changed/), expectedRoutes.sort());
  assert.deepEqual(found('exchange-changed', /^routing-key part/), expectedRoutingKeys.sort());
  assert.ok(expectedRoutes.length > 0 && expectedRoutingKeys.length > 0);
});

test('v44.0.0 → v87.1.3: verdict major, for these reasons in the services; every change has a one-line reason', { skip }, () => {
  assert.equal(report.verdict, 'major');
  for (const change of report.changes) assert.match(change.reason, /^[^\n]{10,}$/, JSON.stringify(change));
  const routing = 'routing-key patterns and code splitting routing keys by position no longer match';
  const route = (from: string, to: string) => `route changed from /v1/workers/<workerPoolId>:/<workerGroup>${from} to /v1/workers/<workerPoolId>/<workerGroup>${to}: the new client cannot call a deployment serving the old one`;
  const majors = report.changes.filter((c) => c.class === 'major' && c.service !== 'workers').map((c) => `${c.service} ${c.kind} ${c.name}${c.pointer ? '#' + c.pointer : ''}: ${c.reason}`);
  assert.deepEqual(majors, [
    'github type-changed Build#/properties/state/enum: enum value "cancelled" added in an output: the user may receive values it does not handle',
    `notify exchange-changed notify: routing-key part reserved removed: ${routing}`,
    `notify exchange-changed notify: routing-key part topic added: ${routing}`,
    'object type-changed DownloadObjectResponse#/oneOf: 1 oneOf schema added in an output: the user may receive values it does not handle',
    'queue type-changed TaskGroupResolvedMessage: type TaskGroupResolvedMessage is no longer exported: its schema is gone and TaskGroupChangedMessage is used in its place, so code importing TaskGroupResolvedMessage stops compiling',
    'queue type-changed TaskMetadata#/properties/source/pattern: pattern changed from "^(https?|ssh)://" to "^(https?://|ssh://|git@)" in a type used as input and output: whether it narrowed or widened is not decided, so values accepted before may be refused',
    `worker-manager method-changed createWorker: ${route('/<workerId>', '/<workerId>')}`,
    `worker-manager method-changed listWorkersForWorkerGroup: ${route('', '')}`,
    `worker-manager method-changed updateWorker: ${route('/<workerId>', '/<workerId>')}`,
    `worker-manager method-changed worker: ${route('/<workerId>', '/<workerId>')}`,
    `worker-manager exchange-changed workerPoolCreated: routing-key parts providerId, provisionerId, workerType, workerGroup, workerId, launchConfigId added: ${routing}`,
    `worker-manager exchange-changed workerPoolUpdated: routing-key parts providerId, provisionerId, workerType, workerGroup, workerId, launchConfigId added: ${routing}`,
  ]);
});

test('v44.0.0 → v87.1.3 with --fail-on major (or minor): exit 3; markdown groups by service', { skip }, async () => {
  const major = await diffCommand([snapshotDir('v44.0.0'), snapshotDir('v87.1.3'), '--fail-on', 'major', '--format', 'markdown']);
  assert.equal(major.code, 3);
  assert.match(major.stdout, /^### API changes: \*\*major\*\*\n/);
  assert.match(major.stdout, /\n\| worker-manager \| 6 \| \d+ \| \d* \|\n\| workers \(the \.\/workers module\) \| \d+ \| \d+ \| \d+ \|\n/);
  const minor = await diffCommand([snapshotDir('v44.0.0'), snapshotDir('v87.1.3'), '--fail-on', 'minor', '--format', 'text']);
  assert.equal(minor.code, 3);
  const workersMajor = report.changes.filter((c) => c.class === 'major' && c.service === 'workers').length;
  assert.match(minor.stdout, new RegExp(`^verdict: major \\(${12 + workersMajor} major, \\d+ minor, \\d+ patch\\)\n\nauth\n {2}minor {2}method added {6}getEntityHistory: `));
  // The worker payloads last, under their module's name.
  assert.match(minor.stdout, /\n\nworker-manager\n[^]*\n\nworkers\n {2}major {2}payload removed {3}generic-worker\/docker_posix: [^\n]*\n(?: {2}[^\n]*\n)*$/);
});

/** The worker payload keys of a snapshot, from its files: each JSON file under schemas/docker-worker and schemas/generic-worker, without `.json`. */
async function payloadKeys(version: Version): Promise<string[]> {
  const schemas = path.join(snapshotDir(version), 'schemas');
  const files = await Promise.all(['docker-worker', 'generic-worker'].map((folder) => readdir(path.join(schemas, folder), { recursive: true })));
  return files.flatMap((names, index) => names.filter((name) => name.endsWith('.json')).map((name) => `${['docker-worker', 'generic-worker'][index]}/${name.slice(0, -'.json'.length)}`)).sort();
}

test('v44.0.0 → v87.1.3: worker payloads added and removed as the schema folders say, and what changed in the payloads kept', { skip }, async () => {
  const [oldKeys, newKeys] = await Promise.all([payloadKeys('v44.0.0'), payloadKeys('v87.1.3')]);
  const workers = report.changes.filter((c) => c.service === 'workers');
  const keys = (kind: Change['kind']) => workers.filter((c) => c.kind === kind).map((c) => c.name);
  assert.deepEqual(keys('payload-removed'), minus(oldKeys, new Set(newKeys)));
  assert.deepEqual(keys('payload-added'), minus(newKeys, new Set(oldKeys)));
  assert.deepEqual(keys('payload-removed'), ['generic-worker/docker_posix', 'generic-worker/simple_posix']);
  assert.deepEqual(keys('payload-added'), ['generic-worker/insecure_posix']);
  for (const change of workers.filter((c) => c.kind === 'payload-removed')) assert.equal(change.class, 'major');

  // The facts, read from the JSON files: docker-worker's maxRunTime went from a number of at most
  // 604800 to an integer without a maximum; generic-worker's multiuser_windows payload gained two
  // optional properties; multiuser_posix's object became the first branch of a oneOf, under a new title.
  const read = async (version: Version, file: string) => JSON.parse(await readFile(path.join(snapshotDir(version), 'schemas', file), 'utf8'));
  const [oldDocker, newDocker] = await Promise.all([read('v44.0.0', 'docker-worker/v1/payload.json'), read('v87.1.3', 'docker-worker/v1/payload.json')]);
  assert.deepEqual([oldDocker.properties.maxRunTime.type, oldDocker.properties.maxRunTime.maximum], ['number', 604800]);
  assert.deepEqual([newDocker.properties.maxRunTime.type, newDocker.properties.maxRunTime.maximum], ['integer', undefined]);
  const [oldWindows, newWindows] = await Promise.all([read('v44.0.0', 'generic-worker/multiuser_windows.json'), read('v87.1.3', 'generic-worker/multiuser_windows.json')]);
  const windowsAdded = minus(Object.keys(newWindows.properties), new Set(Object.keys(oldWindows.properties)));
  assert.deepEqual(windowsAdded, ['logs', 'taskclusterProxyInterface']);
  assert.ok(windowsAdded.every((name) => !newWindows.required.includes(name)));
  const [oldPosix, newPosix] = await Promise.all([read('v44.0.0', 'generic-worker/multiuser_posix.json'), read('v87.1.3', 'generic-worker/multiuser_posix.json')]);
  assert.deepEqual([oldPosix.type, oldPosix.title, newPosix.type, newPosix.oneOf.length, newPosix.title], ['object', 'Generic worker payload - multiuser, posix', undefined, 2, 'Payload - multiuser, posix']);

  const found = (name: string, pointer: string) => workers.filter((c) => c.kind === 'type-changed' && c.name === name && c.pointer === pointer).map((c) => `${c.class}: ${c.reason}`);
  assert.deepEqual(found('DockerWorkerPayload', '/properties/maxRunTime/type'), ['major: type "number" narrowed to "integer" in an input: values accepted before are refused']);
  assert.deepEqual(found('DockerWorkerPayload', '/properties/maxRunTime/maximum'), ['minor: maximum 604800 removed in an input: more values are accepted']);
  for (const name of windowsAdded) {
    assert.deepEqual(found('GenericWorkerPayloadMultiuserWindows', `/properties/${name}`), [`minor: optional property "${name}" added in an input: callers may leave it out`]);
  }
  assert.deepEqual(found('GenericWorkerPayloadMultiuserPosix', ''), ['major: type GenericWorkerPayloadMultiuserPosix renamed: the same schema is now named PayloadMultiuserPosix, so code importing GenericWorkerPayloadMultiuserPosix stops compiling']);
  assert.deepEqual(found('PayloadMultiuserPosix', '/oneOf'), ['minor: 1 oneOf schema added in an input: more values are accepted']);
  // Compared with the branch it became, the old object lost none of its properties.
  assert.deepEqual(workers.filter((c) => c.name === 'PayloadMultiuserPosix' && /^\/properties\//.test(c.pointer ?? '')), []);
  assert.ok(workers.some((c) => c.name === 'PayloadMultiuserPosix' && c.pointer === '/oneOf/0/properties/taskclusterProxyInterface' && c.class === 'minor'));

  // multiuser_windows' file content (a oneOf of branches named by position) got a second branch,
  // "Indexed Content": the branches after it moved one place, so each old name now names the branch
  // that was before it. Branches are paired by title, so the URL content is compared with the URL
  // content (only a description changed), and the report says the names moved, not that the URL
  // content lost `url` and gained `namespace`.
  const windowsContent = (ordinal: string) => `GenericWorkerPayloadMultiuserWindowsContentOneOf${ordinal}`;
  const contentTitles = (schema: { definitions: { content: { oneOf: Array<{ title: string }> } } }) => schema.definitions.content.oneOf.map((branch) => branch.title);
  assert.deepEqual(contentTitles(oldWindows), ['Artifact Content', 'URL Content', 'Raw Content', 'Base64 Content']);
  assert.deepEqual(contentTitles(newWindows), ['Artifact Content', 'Indexed Content', 'URL Content', 'Raw Content', 'Base64 Content']);
  for (const [before, after] of [['Second', 'Third'], ['Third', 'Fourth'], ['Fourth', 'Fifth']]) {
    assert.deepEqual(found(windowsContent(before!), ''), [
      `major: the oneOf branch named ${windowsContent(before!)} is now named ${windowsContent(after!)} (branches were inserted, removed or reordered), and ${windowsContent(before!)} names another branch, so code importing ${windowsContent(before!)} gets another type`,
    ]);
  }
  assert.deepEqual(workers.filter((c) => /MultiuserWindowsContentOneOf/.test(c.name) && /^\/properties\/[^/]+$/.test(c.pointer ?? '')), [], 'no property added or removed in any content branch');
  assert.deepEqual(found(windowsContent('Third'), '/properties/sha256/description'), ['patch: description changed']);
  assert.deepEqual(found('GenericWorkerPayloadMultiuserWindowsFileMount', '/properties/content/oneOf'), ['minor: 1 oneOf schema added in an input: more values are accepted']);
});

test('v87.1.3 diffed with itself: verdict none and exit 0, even with --fail-on minor', { skip }, async () => {
  const result = await diffCommand([snapshotDir('v87.1.3'), snapshotDir('v87.1.3'), '--fail-on', 'minor']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '{\n  "verdict": "none",\n  "changes": []\n}\n');
});
