// Type names across the real references, from the model stage (fast: no render or emit; the
// corpus test checks that the generated .d.ts exports exactly these names).
//
// Snapshots: test/fixtures/type-names-<version>.json hold every exported type name per service.
// After an intended naming change, update them and review the diff:
//
//   UPDATE_TYPE_NAMES=1 node --import tsx --test test/corpus/type-names.test.ts
//
// Stability: variations of a reference (served over the real one by an overlay source, nothing
// copied) add unrelated schemas, entries, exchanges and services; no existing name may change.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { dirSource, modelOf, overlaySource, ROOT, skipUnlessSnapshot, snapshotDir, typeNames, VERSIONS } from './helpers.ts';

const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const UPDATE = process.env.UPDATE_TYPE_NAMES === '1';

async function readJson(file: string): Promise<any> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** Every name of one model, flattened to "service:Name" for subset checks. */
function flat(names: Record<string, string[]>): string[] {
  return Object.entries(names).flatMap(([service, list]) => list.map((name) => `${service}:${name}`));
}

for (const version of VERSIONS) {
  const skip = skipUnlessSnapshot(version);
  describe(`${version} type names`, { skip }, () => {
    test('match the committed snapshot', async () => {
      const names = typeNames(await modelOf(dirSource(version)));
      const fixture = path.join(FIXTURES, `type-names-${version}.json`);
      if (UPDATE) {
        await mkdir(FIXTURES, { recursive: true });
        await writeFile(fixture, JSON.stringify(names, null, 2) + '\n');
      }
      assert.ok(existsSync(fixture), `${fixture} missing: run with UPDATE_TYPE_NAMES=1 to create it`);
      assert.deepEqual(names, await readJson(fixture), 'type names changed: if intended, rerun with UPDATE_TYPE_NAMES=1 and review the diff');
    });

    test('no Var…, no trailing digits, no names differing only by case, within and across services', async () => {
      const names = typeNames(await modelOf(dirSource(version)));
      for (const [service, list] of Object.entries(names)) {
        for (const name of list) assert.match(name, /^(?!Var)[A-Z][A-Za-z0-9]*[A-Za-z]$/, `${service}: ${name}`);
        assert.equal(new Set(list.map((n) => n.toLowerCase())).size, list.length, service);
      }
    });

    const dir = snapshotDir(version);
    const variations: Array<{ name: string; files: (read: (p: string) => Promise<any>) => Promise<Record<string, unknown>> }> = [
      {
        name: 'a new schema and entry in an existing service (queue)',
        files: async (read) => {
          const api = await read('/references/queue/v1/api.json');
          api.entries.unshift({
            type: 'function', name: 'aaNewEntry', title: 'New', description: '', stability: 'experimental', method: 'post',
            route: '/aa-new/<taskId>', args: ['taskId'], query: [], input: 'v1/aa-new-request.json#', output: 'v1/aa-new-response.json#',
            category: 'New',
          });
          return {
            '/references/queue/v1/api.json': api,
            '/schemas/queue/v1/aa-new-request.json': {
              $schema: '/schemas/common/metaschema.json#', $id: '/schemas/queue/v1/aa-new-request.json#', title: 'Aardvark Request',
              type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } } },
              additionalProperties: false,
            },
            '/schemas/queue/v1/aa-new-response.json': {
              $schema: '/schemas/common/metaschema.json#', $id: '/schemas/queue/v1/aa-new-response.json#', title: 'Aardvark Response',
              type: 'object', properties: { task: { $ref: 'task.json#' }, status: { $ref: 'task-status.json#' } }, additionalProperties: false,
            },
          };
        },
      },
      {
        name: 'a new exchange in an existing service (queue)',
        files: async (read) => {
          const exchanges = await read('/references/queue/v1/exchanges.json');
          exchanges.entries.unshift({
            type: 'topic-exchange', name: 'aaNewExchange', exchange: 'aa-new', title: 'New', description: '', schema: 'v1/aa-new-message.json#',
            routingKey: [{ name: 'routingKeyKind', summary: '', constant: 'primary', multipleWords: false, required: true }],
          });
          return {
            '/references/queue/v1/exchanges.json': exchanges,
            '/schemas/queue/v1/aa-new-message.json': {
              $schema: '/schemas/common/metaschema.json#', $id: '/schemas/queue/v1/aa-new-message.json#', title: 'Aardvark Message',
              type: 'object', properties: { status: { $ref: 'task-status.json#' }, list: { type: 'array', items: { type: 'object' } } },
            },
          };
        },
      },
      {
        name: 'a whole new service listed first in the manifest',
        files: async (read) => {
          const manifest = await read('/references/manifest.json');
          manifest.references.unshift('/references/aaa/v1/api.json');
          return {
            '/references/manifest.json': manifest,
            '/references/aaa/v1/api.json': {
              $schema: '/schemas/common/api-reference-v0.json#', apiVersion: 'v1', serviceName: 'aaa', title: 'A', description: '',
              entries: [{ type: 'function', name: 'ping', title: 'Ping', description: '', stability: 'stable', method: 'get', route: '/ping', args: [], query: [], output: 'v1/task.json#' }],
            },
            '/schemas/aaa/v1/task.json': { $id: '/schemas/aaa/v1/task.json#', title: 'Task', type: 'object', properties: { a: { type: 'string' } } },
          };
        },
      },
    ];
    for (const variation of variations) {
      test(`stable when adding ${variation.name}`, async () => {
        const before = typeNames(await modelOf(dirSource(version)));
        const read = async (p: string) => readJson(path.join(dir, p));
        const after = typeNames(await modelOf(overlaySource(await variation.files(read), dirSource(version))));
        const added = new Set(flat(after));
        const lost = flat(before).filter((name) => !added.has(name));
        assert.deepEqual(lost, [], 'existing names changed');
        assert.ok(flat(after).length > flat(before).length, 'the variation adds names');
      });
    }
  });
}
