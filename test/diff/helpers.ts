// A small synthetic deployment for the diff tests, as root-relative path → JSON, and its
// variations: each variation changes one thing (one classification rule).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeTree } from '../bad-input/helpers.ts';
import { modelOf, overlaySource } from '../corpus/helpers.ts';
import { diffSnapshots, type Change, type DiffReport } from '../../generator/diff/diff.ts';
import { formatJson } from '../../generator/diff/format.ts';
import { snapshotModel, type ModelSnapshot } from '../../generator/diff/snapshot.ts';

export type Files = Record<string, any>;

const META = '/schemas/common/metaschema.json#';
const API = '/schemas/common/api-reference-v0.json#';
const fn = (name: string, method: string, route: string, args: string[], extra: object = {}) => ({
  type: 'function', name, title: `${name} title`, description: `${name} description`, stability: 'stable', category: 'C', method, route, args, query: [], ...extra,
});

/** alpha: an api (ping; getThing → Thing; putThing ThingRequest → Thing); beta: exchanges only (message ThingMessage); gamma: logs only (no service). */
export function baseFiles(): Files {
  return structuredClone({
    '/references/manifest.json': {
      $schema: '/schemas/common/manifest-v3.json#',
      references: ['/references/alpha/v1/api.json', '/references/beta/v1/exchanges.json', '/references/gamma/v1/logs.json'],
    },
    '/references/alpha/v1/api.json': {
      $schema: API, apiVersion: 'v1', serviceName: 'alpha', title: 'Alpha API', description: '',
      entries: [
        fn('ping', 'get', '/ping', []),
        fn('getThing', 'get', '/thing/<thingId>', ['thingId'], { query: ['limit'], output: 'v1/thing.json#', scopes: 'alpha:get:<thingId>' }),
        fn('putThing', 'put', '/thing/<thingId>', ['thingId'], { input: 'v1/thing-request.json#', output: 'v1/thing.json#' }),
      ],
    },
    '/schemas/alpha/v1/thing.json': {
      $schema: META, $id: '/schemas/alpha/v1/thing.json#', title: 'Thing', type: 'object',
      properties: {
        thingId: { type: 'string', pattern: '^[a-z]+$' },
        state: { type: 'string', enum: ['running', 'done'] },
        count: { type: 'integer' },
        note: { type: 'string', description: 'A note.' },
      },
      required: ['thingId', 'state'],
      additionalProperties: false,
    },
    '/schemas/alpha/v1/thing-request.json': {
      $schema: META, $id: '/schemas/alpha/v1/thing-request.json#', title: 'Thing Request', type: 'object',
      properties: {
        name: { type: 'string', format: 'hostname' },
        kind: { type: 'string', enum: ['small', 'large'] },
        size: { type: 'integer' },
        owner: { type: 'string', pattern: '^[a-z]+@example\\.com$' },
      },
      required: ['name'],
      additionalProperties: false,
    },
    '/references/beta/v1/exchanges.json': {
      $schema: '/schemas/common/exchanges-reference-v0.json#', apiVersion: 'v1', serviceName: 'beta', title: 'Beta Exchanges', description: '',
      exchangePrefix: 'exchanges/beta/v1/',
      entries: [{
        type: 'topic-exchange', name: 'thingCreated', exchange: 'thing-created', title: 'Thing created', description: 'd', schema: 'v1/thing-message.json#',
        routingKey: [
          { name: 'routingKeyKind', summary: 'kind', constant: 'primary', multipleWords: false, required: true },
          { name: 'thingId', summary: 'id', multipleWords: false, required: true },
          { name: 'reserved', summary: 'r', multipleWords: true, required: false },
        ],
      }],
    },
    '/schemas/beta/v1/thing-message.json': {
      $schema: META, $id: '/schemas/beta/v1/thing-message.json#', title: 'Thing Message', type: 'object',
      properties: { thingId: { type: 'string' }, state: { type: 'string', enum: ['running', 'done'] } },
      required: ['thingId'],
      additionalProperties: false,
    },
    '/references/gamma/v1/logs.json': { $schema: '/schemas/common/logs-reference-v0.json#', serviceName: 'gamma', types: [] },
  });
}

/** The base files changed by `change` (which mutates its argument). */
export function variant(change: (files: Files) => void): Files {
  const files = baseFiles();
  change(files);
  return files;
}

/**
 * The files' model snapshot, through the generator's own load → validate → model stages. With
 * `listed`, the source lists its schema files as a mirror directory does, so that worker payload
 * schemas (in a folder of no service) are found; without, as a root URL, it lists none.
 */
export async function snapshotOfFiles(files: Files, { listed = false } = {}): Promise<ModelSnapshot> {
  const source = overlaySource(files);
  const schemas = Object.keys(files).filter((file) => file.startsWith('/schemas/')).sort();
  return snapshotModel(await modelOf(listed ? { ...source, listSchemas: async () => schemas } : source));
}

/** Writes the files as a mirror directory `dir`; returns `dir`. */
export async function writeMirror(dir: string, files: Files): Promise<string> {
  await writeTree(dir, files);
  return dir;
}

/** One classification rule: how the old reference and the new one differ, and the exact changes reported. */
export interface DiffRule {
  rule: string;
  /** Changes the base into the old reference (default: the base as it is). */
  before?: (files: Files) => void;
  /** Changes the old reference into the new one. */
  after: (files: Files) => void;
  changes: Change[];
}

const CLASS_RANK = { none: 0, patch: 1, minor: 2, major: 3 } as const;

/** The report `changes` make: its verdict is the most severe class among them. */
export const expectedReport = (changes: Change[]): DiffReport => ({
  verdict: changes.reduce<DiffReport['verdict']>((v, c) => (CLASS_RANK[c.class] > CLASS_RANK[v] ? c.class : v), 'none'),
  changes,
});

/**
 * A test per rule, named `<prefix>: <rule>`: `base()` changed by `before` is the old reference, that
 * changed by `after` the new one. The report's JSON text itself (key order and all, as scripts read
 * it) must be expectedReport's. `listed`: as snapshotOfFiles.
 */
export function testRules(prefix: string, rules: readonly DiffRule[], base: () => Files, options: { listed?: boolean } = {}): void {
  for (const { rule, before, after, changes } of rules) {
    test(`${prefix}: ${rule}`, async () => {
      const oldFiles = base();
      before?.(oldFiles);
      const newFiles = structuredClone(oldFiles);
      after(newFiles);
      const report = diffSnapshots(await snapshotOfFiles(oldFiles, options), await snapshotOfFiles(newFiles, options));
      assert.equal(formatJson(report), JSON.stringify(expectedReport(changes), null, 2) + '\n');
    });
  }
}
