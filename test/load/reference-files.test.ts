import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GenerateError } from '../../generator/errors.ts';
import {
  manifestReferencePaths,
  referenceSchemaPaths,
  resolveRootRelative,
  schemaRefPaths,
} from '../../generator/load/reference-files.ts';

const ROOT = 'https://tc.example.com';

test('resolveRootRelative: given ref and base, the root-relative file path', () => {
  const cases: Array<{ ref: string; base: string; want: string | undefined }> = [
    { ref: 'task.json#', base: '/schemas/queue/v1/task-status.json#', want: '/schemas/queue/v1/task.json' },
    { ref: 'task.json#/properties/x', base: '/schemas/queue/v1/a.json', want: '/schemas/queue/v1/task.json' },
    { ref: '../v2/b.json', base: '/schemas/queue/v1/a.json#', want: '/schemas/queue/v2/b.json' },
    { ref: '/schemas/common/x.json#', base: '/schemas/queue/v1/a.json', want: '/schemas/common/x.json' },
    { ref: 'v1/x.json#', base: '/schemas/queue/', want: '/schemas/queue/v1/x.json' },
    { ref: `${ROOT}/schemas/auth/v1/y.json#`, base: '/schemas/queue/v1/a.json', want: '/schemas/auth/v1/y.json' },
    { ref: 'http://json-schema.org/draft-06/schema#', base: '/schemas/queue/v1/a.json', want: undefined },
    { ref: 'https://other.example.com/schemas/x.json', base: '/schemas/a.json', want: undefined },
    { ref: '../../../../etc/passwd', base: '/schemas/queue/v1/a.json', want: '/etc/passwd' },
  ];
  for (const { ref, base, want } of cases) {
    assert.equal(resolveRootRelative(ref, base, ROOT), want, `${ref} against ${base}`);
  }
});

test('resolveRootRelative: a root URL with a path prefix', () => {
  const root = 'https://example.com/tc';
  assert.equal(resolveRootRelative(`${root}/schemas/a/v1/b.json#`, '/schemas/x.json', root), '/schemas/a/v1/b.json');
  assert.equal(resolveRootRelative('b.json', `${root}/schemas/a/v1/c.json`, root), '/schemas/a/v1/b.json');
});

test('schemaRefPaths: follows $refs against $id, skips self, data keywords and other hosts', () => {
  const schema = {
    $id: '/schemas/queue/v1/a.json#',
    $schema: '/schemas/common/metaschema.json#',
    properties: {
      b: { $ref: 'b.json#' },
      self: { $ref: '#/definitions/c' },
      selfByName: { $ref: 'a.json#/definitions/c' },
      list: { type: 'array', items: [{ $ref: '/schemas/common/e.json#' }] },
    },
    definitions: { c: { $ref: 'http://json-schema.org/draft-06/schema#' } },
    default: { $ref: 'not-a-ref.json' },
    examples: [{ $ref: 'not-a-ref-either.json' }],
  };
  assert.deepEqual(schemaRefPaths(schema, '/schemas/elsewhere/ignored.json', ROOT), [
    '/schemas/common/e.json',
    '/schemas/queue/v1/b.json',
  ]);
  assert.deepEqual(schemaRefPaths({ items: { $ref: 'b.json' } }, '/schemas/s/v1/a.json'), ['/schemas/s/v1/b.json']);
});

test(
  'schemaRefPaths: a property named "default" is still a schema',
  () => {
    const schema = { properties: { default: { $ref: 'd.json' }, enum: { $ref: 'e.json' } } };
    assert.deepEqual(schemaRefPaths(schema, '/schemas/s/v1/a.json'), ['/schemas/s/v1/d.json', '/schemas/s/v1/e.json']);
  },
);

test('referenceSchemaPaths: input/output of API entries, schema of exchange entries, none for logs', () => {
  const api = {
    $schema: '/schemas/common/api-reference-v0.json#',
    serviceName: 'queue',
    entries: [{ input: 'v1/in.json#', output: 'v1/out.json#' }, { output: 'v1/out.json#' }, { name: 'ping' }],
  };
  assert.deepEqual(referenceSchemaPaths(api, ROOT), ['/schemas/queue/v1/in.json', '/schemas/queue/v1/out.json']);
  const exchanges = {
    $schema: '/schemas/common/exchanges-reference-v0.json#',
    serviceName: 'auth',
    entries: [{ schema: 'v1/client-message.json#', input: 'v1/ignored.json' }],
  };
  assert.deepEqual(referenceSchemaPaths(exchanges, ROOT), ['/schemas/auth/v1/client-message.json']);
  const logs = { $schema: '/schemas/common/logs-reference-v0.json#', serviceName: 'auth', types: [] };
  assert.deepEqual(referenceSchemaPaths(logs, ROOT), []);
});

test('manifestReferencePaths: lists references; a malformed manifest is a located problem', () => {
  const manifest = { references: ['/references/auth/v1/api.json', `${ROOT}/references/queue/v1/api.json`] };
  assert.deepEqual(manifestReferencePaths(manifest, 'm.json', ROOT), [
    '/references/auth/v1/api.json',
    '/references/queue/v1/api.json',
  ]);
  assert.throws(
    () => manifestReferencePaths({ references: ['/ok.json', 7, 'https://elsewhere.example/x.json'] }, 'm.json', ROOT),
    (error: unknown) =>
      error instanceof GenerateError &&
      error.message ===
        'm.json#/references/1: expected a URL on this deployment\n' +
          'm.json#/references/2: expected a URL on this deployment',
  );
  assert.throws(() => manifestReferencePaths({}, 'm.json'), {
    message: 'm.json#/references: manifest has no "references" array',
  });
});
