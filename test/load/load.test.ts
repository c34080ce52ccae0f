// The loader's walk, which `generate` and `fetch` share: which documents a manifest's references
// reach, from an in-memory deployment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GenerateError } from '../../generator/errors.ts';
import { loadInput } from '../../generator/load/load.ts';
import type { ReferenceSource } from '../../generator/load/source.ts';

function memorySource(files: Record<string, unknown>): ReferenceSource & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    locate: (path) => `mem:${path}`,
    async readText(path) {
      reads.push(path);
      if (!(path in files)) throw new GenerateError([{ location: `mem:${path}`, pointer: '', message: 'file not found' }]);
      return JSON.stringify(files[path]);
    },
  };
}

const API = '/schemas/common/api-reference-v0.json#';
const EXCHANGES = '/schemas/common/exchanges-reference-v0.json#';
const LOGS = '/schemas/common/logs-reference-v0.json#';

const DEPLOYMENT = {
  '/references/manifest.json': { references: ['/references/q/v1/api.json', '/references/q/v1/exchanges.json', '/references/q/v1/logs.json'] },
  '/references/q/v1/api.json': {
    $schema: API,
    serviceName: 'q',
    entries: [
      { name: 'get', input: 'v1/a.json#', output: 'blob' },
      { name: 'list', output: 'v1/sub/list.json#/definitions/page' },
    ],
  },
  '/references/q/v1/exchanges.json': { $schema: EXCHANGES, serviceName: 'q', entries: [{ name: 'e', schema: 'v1/message.json#' }] },
  '/references/q/v1/logs.json': { $schema: LOGS, serviceName: 'q', types: [{ name: 'x', schema: 'v1/never-read.json#' }] },
  '/schemas/q/v1/a.json': {
    $id: '/schemas/q/v1/a.json#',
    properties: {
      b: { $ref: 'b.json#' },
      self: { $ref: '#/definitions/c' },
      selfByName: { $ref: 'a.json#/definitions/c' },
      tuple: { type: 'array', items: [{ $ref: '/schemas/common/e.json#' }] },
      default: { $ref: 'named-default.json' },
      meta: { $ref: 'http://json-schema.org/draft-06/schema#' },
    },
    definitions: { c: { type: 'string' } },
    default: { $ref: 'not-a-ref.json' },
    examples: [{ $ref: 'not-a-ref-either.json' }],
  },
  // $refs resolve against $id, not against where the file was found.
  '/schemas/q/v1/b.json': { $id: '/schemas/q/v1/b.json#', items: { $ref: 'sub/list.json' } },
  '/schemas/q/v1/sub/list.json': { $id: '/schemas/q/v1/sub/list.json#', definitions: { page: { $ref: '../b.json#' } } },
  '/schemas/q/v1/named-default.json': { type: 'string' },
  '/schemas/common/e.json': { type: 'number' },
  '/schemas/q/v1/message.json': { type: 'object' },
};

test('every document the api and exchanges references reach, each read once; data keywords, other hosts and logs are not followed', async () => {
  const source = memorySource(DEPLOYMENT);
  const input = await loadInput(source);
  assert.deepEqual(input.references.map((r) => r.path), ['/references/q/v1/api.json', '/references/q/v1/exchanges.json', '/references/q/v1/logs.json']);
  assert.deepEqual([...input.schemas.keys()].sort(), [
    '/schemas/common/e.json',
    '/schemas/q/v1/a.json',
    '/schemas/q/v1/b.json',
    '/schemas/q/v1/message.json',
    '/schemas/q/v1/named-default.json',
    '/schemas/q/v1/sub/list.json',
  ]);
  assert.equal(new Set(source.reads).size, source.reads.length, 'no document is read twice');
});

test('missing schemas are reported at their first referrers, all those of one step of the walk together', async () => {
  const broken = { ...DEPLOYMENT } as Record<string, unknown>;
  delete broken['/schemas/q/v1/sub/list.json'];
  delete broken['/schemas/q/v1/message.json'];
  await assert.rejects(loadInput(memorySource(broken)), {
    message: [
      'mem:/references/q/v1/api.json#/entries/1/output: "v1/sub/list.json#/definitions/page" names a schema that cannot be read (mem:/schemas/q/v1/sub/list.json: file not found)',
      'mem:/references/q/v1/exchanges.json#/entries/0/schema: "v1/message.json#" names a schema that cannot be read (mem:/schemas/q/v1/message.json: file not found)',
    ].join('\n'),
  });
  const deeper = { ...DEPLOYMENT } as Record<string, unknown>;
  delete deeper['/schemas/q/v1/b.json'];
  await assert.rejects(loadInput(memorySource(deeper)), {
    message: 'mem:/schemas/q/v1/a.json#/properties/b/$ref: $ref "b.json#" names a schema that cannot be read (mem:/schemas/q/v1/b.json: file not found)',
  });
});
