// The name lock on the real references: one output directory generated from v44.0.0, then
// regenerated from v87.1.3, then from v87.1.3 with synthetic changes (titles changed, a newcomer
// listed first that takes an existing schema's title). No schema present before is renamed.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generate } from '../../generator/generate.ts';
import type { NameLock } from '../../generator/model/names.ts';
import { STAMP_FILE } from '../../generator/write/write.ts';
import { temporaryDir } from '../generator/helpers.ts';
import { dirSource, overlaySource, skipUnlessSnapshot, snapshotDir } from './helpers.ts';

const typesOf = async (out: string): Promise<NameLock> => JSON.parse(await readFile(path.join(out, STAMP_FILE), 'utf8')).types;

/** Locations named in both locks whose names differ, as "service location: before → after". */
function renamed(before: NameLock, after: NameLock): string[] {
  return Object.entries(before).flatMap(([service, names]) =>
    Object.entries(names)
      .filter(([location, name]) => after[service]?.[location] !== undefined && after[service]![location] !== name)
      .map(([location, name]) => `${service} ${location}: ${name} → ${after[service]![location]}`),
  );
}

const shared = (before: NameLock, after: NameLock) => Object.entries(before).flatMap(([service, names]) => Object.keys(names).filter((location) => after[service]?.[location] !== undefined));

const skip = skipUnlessSnapshot('v44.0.0') || skipUnlessSnapshot('v87.1.3');
describe('regenerating one output directory: v44.0.0, then v87.1.3, then v87.1.3 changed', { skip }, () => {
  let out: string;
  let cleanup: () => Promise<void>;
  let v44: NameLock;
  let v87: NameLock;
  before(async () => {
    const scratch = await temporaryDir('tcgen-lock-');
    cleanup = scratch.cleanup;
    out = path.join(scratch.dir, 'pkg');
    await generate({ source: dirSource('v44.0.0'), out });
    v44 = await typesOf(out);
    await generate({ source: dirSource('v87.1.3'), out });
    v87 = await typesOf(out);
  });
  after(() => cleanup?.());

  test('v87.1.3 renames no type whose schema exists in v44.0.0', async () => {
    assert.ok(shared(v44, v87).length > 150, `${shared(v44, v87).length} schemas named in both`);
    assert.deepEqual(renamed(v44, v87), []);
    const queue = await readFile(path.join(out, 'dist', 'services', 'queue.d.ts'), 'utf8');
    assert.match(queue, /export interface TaskDefinitionResponse \{/, 'queue task.json keeps its v44 name');
    const workerManager = await readFile(path.join(out, 'dist', 'services', 'worker-manager.d.ts'), 'utf8');
    assert.match(workerManager, /export interface WorkerTypePulseMessage \{/, 'worker-manager pulse-worker-pool-message.json keeps its v44 name');
  });

  test('changed titles and a newcomer that takes an existing title rename nothing', async () => {
    const dir = snapshotDir('v87.1.3');
    const read = async (p: string) => JSON.parse(await readFile(path.join(dir, p), 'utf8'));
    const api = await read('/references/queue/v1/api.json');
    api.entries.unshift({
      type: 'function', name: 'aaNewcomer', title: 'Newcomer', description: '', stability: 'experimental', method: 'get',
      route: '/aa-newcomer', args: [], query: [], output: 'v1/aa-newcomer.json#', category: 'New',
    });
    const task = await read('/schemas/queue/v1/task.json');
    const status = await read('/schemas/queue/v1/task-status.json');
    assert.equal(task.title, 'Task Definition Response');
    assert.equal(status.properties.runs.items.title, 'Run Information');
    task.title = 'Task';
    status.properties.runs.items.title = 'Run';
    const newcomer = {
      $schema: '/schemas/common/metaschema.json#', $id: '/schemas/queue/v1/aa-newcomer.json#', title: 'Task Definition Response', type: 'object',
      properties: { run: { title: 'Run Information', type: 'object', properties: { runId: { type: 'integer' } } } }, additionalProperties: false,
    };
    const files = {
      '/references/queue/v1/api.json': api,
      '/schemas/queue/v1/task.json': task,
      '/schemas/queue/v1/task-status.json': status,
      '/schemas/queue/v1/aa-newcomer.json': newcomer,
    };
    await generate({ source: overlaySource(files, dirSource('v87.1.3')), out });
    const changed = await typesOf(out);
    assert.deepEqual(renamed(v87, changed), []);
    assert.deepEqual(renamed(v44, changed), []);
    assert.equal(changed.queue!['/schemas/queue/v1/task.json#'], 'TaskDefinitionResponse');
    assert.equal(changed.queue!['/schemas/queue/v1/task-status.json#/properties/runs/items'], 'RunInformation');
    assert.equal(changed.queue!['/schemas/queue/v1/aa-newcomer.json#'], 'AaNewcomer', 'the newcomer takes its file name');
    assert.equal(changed.queue!['/schemas/queue/v1/aa-newcomer.json#/properties/run'], 'AaNewcomerRun');
  });

  test('oneOf branches reordered, with a newcomer inserted first: each titled branch keeps its name, which follows the branch', async () => {
    const location = '/schemas/queue/v1/post-artifact-request.json';
    const request = JSON.parse(await readFile(path.join(snapshotDir('v87.1.3'), location), 'utf8'));
    const titles = request.oneOf.map((branch: { title: string }) => branch.title);
    assert.deepEqual(titles, ['S3 Artifact Request', 'Object Artifact Request', 'Redirect Artifact Request', 'Link Artifact Request', 'Error Artifact Request']);
    const newcomer = { ...structuredClone(request.oneOf[2]), title: 'Reference Artifact Request' };
    request.oneOf = [newcomer, ...request.oneOf.reverse()];
    const before = await typesOf(out);
    assert.equal(before.queue![`${location}#/oneOf/0`], 'S3ArtifactRequest');
    await generate({ source: overlaySource({ [location]: request }, dirSource('v87.1.3')), out });
    const branches = Object.fromEntries(Object.entries((await typesOf(out)).queue!).filter(([key]) => key.startsWith(`${location}#/oneOf/`)));
    assert.deepEqual(branches, {
      [`${location}#/oneOf/0`]: 'ReferenceArtifactRequest',
      [`${location}#/oneOf/1`]: 'ErrorArtifactRequest',
      [`${location}#/oneOf/2`]: 'LinkArtifactRequest',
      [`${location}#/oneOf/3`]: 'RedirectArtifactRequest',
      [`${location}#/oneOf/4`]: 'ObjectArtifactRequest',
      [`${location}#/oneOf/5`]: 'S3ArtifactRequest',
    });
    const queue = await readFile(path.join(out, 'dist', 'services', 'queue.d.ts'), 'utf8');
    assert.match(queue, /export interface S3ArtifactRequest \{[^}]*storageType: 's3';/);
  });
});
