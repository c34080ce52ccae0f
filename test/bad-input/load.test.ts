import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { GenerateError } from '../../generator/errors.ts';
import { generate } from '../../generator/generate.ts';
import { apiReference, entry, objectSchema, Raw, runCases, writeTree, xTree, type BadCase } from './helpers.ts';

const API = '/references/x/v1/api.json';
/** A worker payload schema of a toy worker (no reference names it: found by listing the mirror). */
const toyPayload = (file: string, properties: Record<string, unknown>) => ({ $schema: 'http://json-schema.org/draft-06/schema#', $id: `/schemas/toy-worker/v1/${file}#`, title: `Toy ${file}`, type: 'object', properties });
const withInput = (input: string) => apiReference([entry({ name: 'make', method: 'post', route: '/make', input })]);

/** Unreadable and malformed documents, and names that point nowhere: every problem located, all listed. */
const CASES: BadCase[] = [
  {
    name: 'no manifest at all',
    tree: { [API]: apiReference([entry()]) },
    lines: ['references: has no references/manifest.json (expected a mirror of a deployment root, as `tcgen fetch` writes)'],
  },
  {
    name: 'a manifest that is not JSON',
    tree: { ...xTree(apiReference([entry()])), '/references/manifest.json': new Raw('{"references": [\n  "/references/x/v1/api.json",\n]}') },
    lines: [
      'references/references/manifest.json: not valid JSON at line 3, column 1: unexpected character "]"',
    ],
  },
  {
    name: 'a manifest that is an empty file',
    tree: { ...xTree(apiReference([entry()])), '/references/manifest.json': new Raw('') },
    lines: [
      'references/references/manifest.json: not valid JSON at line 1, column 1: unexpected end of input',
    ],
  },
  {
    name: 'a manifest without a references array',
    tree: { ...xTree(apiReference([entry()])), '/references/manifest.json': { references: '/references/x/v1/api.json' } },
    lines: [
      'references/references/manifest.json#/references: expected an array of reference URLs, found "/references/x/v1/api.json"',
    ],
  },
  {
    name: 'manifest entries that are not URLs',
    tree: { ...xTree(apiReference([entry()])), '/references/manifest.json': { references: ['/references/x/v1/api.json', 42, ''] } },
    lines: [
      'references/references/manifest.json#/references/1: expected a reference URL, found 42',
      'references/references/manifest.json#/references/2: expected a reference URL, found ""',
    ],
  },
  {
    name: 'a manifest entry pointing nowhere, with the other missing one listed too',
    tree: { ...xTree(apiReference([entry()])), '/references/manifest.json': { references: ['/references/x/v1/api.json', '/references/y/v1/api.json', '/references/z/v1/api.json'] } },
    lines: [
      'references/references/manifest.json#/references/1: "/references/y/v1/api.json" names a reference that cannot be read (references/references/y/v1/api.json: file not found)',
      'references/references/manifest.json#/references/2: "/references/z/v1/api.json" names a reference that cannot be read (references/references/z/v1/api.json: file not found)',
    ],
  },
  {
    name: 'a reference that is not JSON',
    tree: { ...xTree(null), [API]: new Raw('{\n  "$schema": "/schemas/common/api-reference-v0.json#",\n  "entries": [}\n') },
    lines: [
      'references/references/x/v1/api.json: not valid JSON at line 3, column 15: unexpected character "}"',
    ],
  },
  {
    name: 'a reference that is a directory',
    tree: { ...xTree(null), [API]: undefined, '/references/x/v1/api.json/README': new Raw('not a reference') },
    lines: [
      'references/references/manifest.json#/references/0: "/references/x/v1/api.json" names a reference that cannot be read (references/references/x/v1/api.json: cannot read file (EISDIR))',
    ],
  },
  {
    name: 'a reference that is JSON but not an object',
    tree: xTree(['not', 'a', 'reference']),
    lines: [
      'references/references/x/v1/api.json: expected a reference (a JSON object with a $schema), found an array',
    ],
  },
  {
    name: 'a schema that is not JSON',
    tree: xTree(withInput('v1/in.json#'), { 'in.json': new Raw("{ 'type': 'object' }") }),
    lines: [
      "references/schemas/x/v1/in.json: not valid JSON at line 1, column 3: expected property name or '}'",
    ],
  },
  {
    name: 'input naming a schema file that does not exist names the referrer',
    tree: xTree(withInput('v1/missing.json#'), {}),
    lines: [
      'references/references/x/v1/api.json#/entries/0/input: "v1/missing.json#" names a schema that cannot be read (references/schemas/x/v1/missing.json: file not found)',
    ],
  },
  {
    name: 'input and output of two entries naming the same missing file: each entry is named (a $ref to it would not be)',
    tree: xTree(apiReference([entry({ name: 'a', route: '/a', output: 'v1/gone.json#' }), entry({ name: 'b', method: 'post', route: '/b', input: 'v1/gone.json#' })]), {}),
    lines: [
      'references/references/x/v1/api.json#/entries/0/output: "v1/gone.json#" names a schema that cannot be read (references/schemas/x/v1/gone.json: file not found)',
      'references/references/x/v1/api.json#/entries/1/input: "v1/gone.json#" names a schema that cannot be read (references/schemas/x/v1/gone.json: file not found)',
    ],
  },
  {
    name: 'input naming a pointer that is not in the schema',
    tree: xTree(withInput('v1/in.json#/definitions/nothing'), { 'in.json': objectSchema('in.json', { a: { type: 'string' } }) }),
    lines: [
      'references/references/x/v1/api.json#/entries/0/input: "v1/in.json#/definitions/nothing" names a schema that does not exist (no schema at pointer "/definitions/nothing" of references/schemas/x/v1/in.json)',
    ],
  },
  {
    name: '$ref to a file that does not exist names the $ref',
    tree: xTree(withInput('v1/in.json#'), { 'in.json': objectSchema('in.json', { a: { $ref: 'missing.json#' } }) }),
    lines: [
      'references/schemas/x/v1/in.json#/properties/a/$ref: $ref "missing.json#" names a schema that cannot be read (references/schemas/x/v1/missing.json: file not found)',
    ],
  },
  {
    name: "a worker payload schema's $ref to a file that does not exist: one line, as for a service's schema",
    tree: {
      ...xTree(withInput('v1/in.json#'), { 'in.json': objectSchema('in.json', { a: { type: 'string' } }) }),
      '/schemas/toy-worker/v1/payload.json': toyPayload('payload.json', { x: { $ref: 'missing.json' } }),
    },
    lines: [
      'references/schemas/toy-worker/v1/payload.json#/properties/x/$ref: $ref "missing.json" names a schema that cannot be read (references/schemas/toy-worker/v1/missing.json: file not found)',
    ],
  },
  {
    name: "one worker payload schema's missing file does not hide another's dangling pointer in the same folder",
    tree: {
      ...xTree(withInput('v1/in.json#'), { 'in.json': objectSchema('in.json', { a: { type: 'string' } }) }),
      '/schemas/toy-worker/v1/payload.json': toyPayload('payload.json', { x: { $ref: 'missing.json' } }),
      '/schemas/toy-worker/v1/other.json': toyPayload('other.json', { y: { $ref: '#/definitions/nothing' } }),
    },
    lines: [
      'references/schemas/toy-worker/v1/payload.json#/properties/x/$ref: $ref "missing.json" names a schema that cannot be read (references/schemas/toy-worker/v1/missing.json: file not found)',
      'references/schemas/toy-worker/v1/other.json#/properties/y/$ref: $ref "#/definitions/nothing" cannot be resolved: no schema at pointer "/definitions/nothing" in references/schemas/toy-worker/v1/other.json',
    ],
  },
  {
    name: '$ref to a pointer that is not there',
    tree: xTree(withInput('v1/in.json#'), { 'in.json': objectSchema('in.json', { a: { $ref: '#/definitions/nothing' }, b: { $ref: 'other.json#/properties/none' } }), 'other.json': objectSchema('other.json', { c: { type: 'string' } }) }),
    lines: [
      'references/schemas/x/v1/in.json#/properties/a/$ref: $ref "#/definitions/nothing" cannot be resolved: no schema at pointer "/definitions/nothing" in references/schemas/x/v1/in.json',
      'references/schemas/x/v1/in.json#/properties/b/$ref: $ref "other.json#/properties/none" cannot be resolved: no schema at pointer "/properties/none" in references/schemas/x/v1/other.json',
    ],
  },
  {
    name: '$ref to a schema file that is not JSON',
    tree: xTree(withInput('v1/in.json#'), { 'in.json': objectSchema('in.json', { a: { $ref: 'broken.json#' } }), 'broken.json': new Raw('{"type": "string",}') }),
    lines: [
      'references/schemas/x/v1/broken.json: not valid JSON at line 1, column 19: expected double-quoted property name',
    ],
  },
  {
    name: '$ref to another host',
    tree: xTree(withInput('v1/in.json#'), { 'in.json': objectSchema('in.json', { a: { $ref: 'https://evil.example.com/x.json#' } }) }),
    lines: [
      'references/schemas/x/v1/in.json#/properties/a/$ref: $ref "https://evil.example.com/x.json#" points outside the deployment; only root-relative and relative $refs are supported',
    ],
  },
  {
    name: 'a malformed percent-escape in a schema name',
    tree: xTree(withInput('v1/in.json#/%E0%A4%A'), { 'in.json': objectSchema('in.json', { a: { type: 'string' } }) }),
    lines: [
      'references/references/x/v1/api.json#/entries/0/input: "v1/in.json#/%E0%A4%A" names a schema that does not exist (no schema at pointer "/%E0%A4%A" of references/schemas/x/v1/in.json)',
    ],
  },
  {
    // worker-manager's create- and update-worker-pool-request both inline worker-pool-full.json#/properties/config.
    name: 'a broken $ref inlined from several schemas is reported once',
    tree: xTree(
      apiReference([
        entry({ name: 'make', method: 'post', route: '/make', input: 'v1/create.json#', output: 'v1/in.json#' }),
        entry({ name: 'remake', method: 'put', route: '/remake', input: 'v1/update.json#' }),
      ]),
      {
        'in.json': objectSchema('in.json', { a: { $ref: '#/definitions/nothing' } }),
        'create.json': objectSchema('create.json', { a: { $ref: 'in.json#/properties/a' } }),
        'update.json': objectSchema('update.json', { a: { $ref: 'in.json#/properties/a' } }),
      },
    ),
    lines: [
      'references/schemas/x/v1/in.json#/properties/a/$ref: $ref "#/definitions/nothing" cannot be resolved: no schema at pointer "/definitions/nothing" in references/schemas/x/v1/in.json',
    ],
  },
];

runCases(CASES);

test("a mirror kept under a folder named like a service: that service's problems are still all reported", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'tcgen-bad-'));
  try {
    // Every location holds "/x/", the service's name: only its own /references/x/ and /schemas/x/ say it is touched.
    const references = path.join(dir, 'x', 'mirror');
    await writeTree(references, {
      ...xTree(withInput('v1/in.json#'), { 'in.json': objectSchema('in.json', { a: { $ref: '#/definitions/nothing' } }) }),
      '/schemas/toy-worker/v1/payload.json': toyPayload('payload.json', { x: { $ref: 'missing.json' } }),
    });
    const error = await generate({ references, out: path.join(dir, 'out') }).catch((e: unknown) => e);
    assert.ok(error instanceof GenerateError);
    assert.deepEqual(
      error.problems.map((problem) => `${path.relative(references, problem.location)}#${problem.pointer}`),
      ['schemas/toy-worker/v1/payload.json#/properties/x/$ref', 'schemas/x/v1/in.json#/properties/a/$ref'],
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
