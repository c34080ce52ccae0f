// Soundness as a property: every valid instance of every schema a service reaches (entry inputs,
// outputs, exchange messages and every type they name) type-checks against the generated type, in
// the forms applications hold it (a literal of the type; `as const` and generated interfaces as
// Input<type>), under the strict family with skipLibCheck: false. Corpora: v87.1.3 and v44.0.0
// from ../shared (skipped, saying so, when missing) and a synthetic deployment using every keyword
// that changes which values are valid. Instances come from json-schema-faker (fixed seed) and edge
// variants of them; ajv (draft-06) keeps the valid ones. The other direction: instances ajv
// refuses for one reason only (soundness-variants.ts: a required property missing, a value outside
// an enum, a leaf of another JSON type, an item past a closed tuple, a wrong-typed value under a
// patternProperties key, a property added to a closed object) are all refused, as the type and as
// Input<type>.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadInput } from '../../generator/load/load.ts';
import type { ReferenceSource } from '../../generator/load/source.ts';
import { dirSource, generateInto, modelOf, overlaySource, ROOT, skipUnlessSnapshot, VERSIONS, withoutDocComments, type Generated } from './helpers.ts';
import { bundle, FORMS, instancesOf, INVALID_KINDS, typeCheck, typesOf, type CheckResult, type Form, type Instance, type InvalidKind, type TypeUnderTest } from './soundness.ts';
import { compileApp, STRICTEST } from './compile-app.ts';

const META = '/schemas/common/metaschema.json#';
const schema = (name: string, body: object) => ({ $schema: META, $id: `/schemas/omega/v1/${name}.json#`, title: name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()), ...body });

/** The synthetic corpus: one schema per kind of keyword, each an entry's input. */
export const SYNTHETIC_SCHEMAS: Record<string, object> = {
  // `type: string` whose anyOf/oneOf branches only add a format (TaskMetadata.source, auth's sourceIp)
  'format-branches': {
    type: 'object', additionalProperties: false, required: ['source'],
    properties: {
      source: { type: 'string', anyOf: [{ format: 'uri' }, { format: 'regex' }], pattern: '^(https?://|ssh://|git@)', maxLength: 4096 },
      sourceIp: { type: 'string', oneOf: [{ format: 'ipv6' }, { format: 'ipv4' }] },
      both: { allOf: [{ type: 'string' }, { minLength: 2 }] },
    },
  },
  // a property schema with no type (only a description), and an empty schema
  untyped: {
    type: 'object', additionalProperties: false, required: ['title'],
    properties: { title: { description: 'Anything at all' }, hash: {}, nothing: { not: {} }, always: true },
  },
  // items: [..] with and without additionalItems, and minItems
  tuples: {
    type: 'object', additionalProperties: false,
    properties: {
      rest: { type: 'array', items: [{ type: 'string' }, { type: 'integer' }], additionalItems: { type: 'boolean' } },
      closed: { type: 'array', items: [{ type: 'string' }, { type: 'boolean' }], additionalItems: false },
      open: { type: 'array', items: [{ type: 'string' }] },
      atLeastOne: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], minItems: 1, additionalItems: false },
      list: { type: 'array', items: { type: 'string' }, minItems: 1 },
    },
  },
  // patternProperties, closed, open and with additionalProperties
  patterns: {
    type: 'object',
    properties: {
      closed: { type: 'object', properties: { known: { type: 'string' } }, patternProperties: { '^x-': { type: 'integer' } }, additionalProperties: false },
      open: { type: 'object', patternProperties: { '^x-': { type: 'integer' } } },
      mixed: { type: 'object', patternProperties: { '^n-': { type: 'number' } }, additionalProperties: { type: 'boolean' } },
    },
  },
  // required naming properties that `properties` does not declare
  'required-undeclared': {
    type: 'object', required: ['declared', 'undeclared'], properties: { declared: { type: 'string' } },
    additionalProperties: true,
  },
  'required-undeclared-map': { type: 'object', required: ['alpha'], additionalProperties: { type: 'integer' } },
  // oneOf / anyOf / allOf with $ref
  combinations: {
    type: 'object', additionalProperties: false,
    properties: {
      one: { oneOf: [{ $ref: 'common.json#/definitions/slugid' }, { $ref: 'common.json#/definitions/point' }] },
      any: { anyOf: [{ $ref: 'common.json#/definitions/point' }, { type: 'integer' }] },
      all: { allOf: [{ $ref: 'common.json#/definitions/point' }, { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] }] },
    },
  },
  // type arrays with null, const, enum with non-strings
  values: {
    type: 'object', additionalProperties: false, required: ['fixed'],
    properties: {
      maybe: { type: ['string', 'null'] },
      maybeObject: { type: ['object', 'null'], properties: { a: { type: 'integer' } }, additionalProperties: false },
      several: { type: ['integer', 'boolean', 'array'], items: { type: 'string' } },
      fixed: { const: 'fixed' },
      fixedObject: { const: { a: 1, b: [true] } },
      mixed: { enum: [1, 2.5, true, null, 'x', { a: 1 }, [1, 'y']] },
      numbers: { type: 'integer', enum: [1, 2, 3] },
      nullable: { type: ['string', 'null'], enum: ['on', 'off', null] },
    },
  },
  // nested definitions and a recursive $ref
  tree: {
    type: 'object', additionalProperties: false, required: ['value'],
    definitions: { outer: { definitions: { inner: { type: 'string', enum: ['leaf', 'branch'] } } } },
    properties: {
      value: { type: 'integer' },
      kind: { $ref: '#/definitions/outer/definitions/inner' },
      children: { type: 'array', items: { $ref: '#' } },
      parent: { $ref: 'tree.json#' },
    },
  },
  // keywords that TypeScript cannot say, which must not make the type refuse valid values
  unsayable: {
    type: 'object', additionalProperties: false,
    properties: {
      even: { type: 'integer', multipleOf: 2, minimum: 0 },
      notFive: { type: 'integer', not: { const: 5 } },
      named: { type: 'object', propertyNames: { pattern: '^[a-z]+$' }, minProperties: 1 },
      withDependency: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, dependencies: { a: ['b'] } },
      unique: { type: 'array', items: { type: 'integer' }, uniqueItems: true, contains: { const: 1 } },
    },
  },
  // a document without type at its root, with properties
  'no-root-type': { properties: { a: { type: 'string' } }, required: ['a'], definitions: { list: { items: { type: 'integer' } } } },
  'no-type-items': { type: 'object', properties: { list: { items: { type: 'integer' } }, stray: { type: 'string', additionalItems: false } } },
};

const COMMON = schema('common', {
  definitions: {
    slugid: { type: 'string', pattern: '^[A-Za-z0-9_-]{8}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$' },
    point: { type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } }, required: ['x', 'y'], additionalProperties: false },
  },
});

export function syntheticSource(): ReferenceSource {
  const names = Object.keys(SYNTHETIC_SCHEMAS);
  const files: Record<string, unknown> = {
    '/references/manifest.json': { $schema: '/schemas/common/manifest-v3.json#', references: ['/references/omega/v1/api.json'] },
    '/references/omega/v1/api.json': {
      $schema: '/schemas/common/api-reference-v0.json#', apiVersion: 'v1', serviceName: 'omega', title: 'Omega API', description: '',
      entries: names.map((name, i) => ({
        type: 'function', name: `call${i}`, title: name, description: name, stability: 'stable', category: 'C', method: 'post', route: `/call${i}`, args: [],
        input: `v1/${name}.json#`,
      })),
    },
    '/schemas/omega/v1/common.json': COMMON,
  };
  for (const name of names) files[`/schemas/omega/v1/${name}.json`] = schema(name, SYNTHETIC_SCHEMAS[name]!);
  return overlaySource(files);
}

const OPTIONS = { seed: 20261129, samples: 2, validPerType: 8, invalidPerKind: 2 };

interface Corpus { name: string; skip: string | false; source: () => ReferenceSource }
/** TCGEN_SOUNDNESS_CORPORA=synthetic,v87.1.3 runs only those (while working on one); all by default. */
const ONLY = process.env.TCGEN_SOUNDNESS_CORPORA?.split(',');
const only = (corpus: Corpus): Corpus => (ONLY === undefined || ONLY.includes(corpus.name) || corpus.skip !== false ? corpus : { ...corpus, skip: `not in TCGEN_SOUNDNESS_CORPORA=${ONLY.join(',')}` });
const ALL_CORPORA: Corpus[] = [
  { name: 'synthetic', skip: false, source: syntheticSource },
  ...VERSIONS.map((version) => ({ name: version, skip: skipUnlessSnapshot(version), source: () => dirSource(version) })),
];
const CORPORA = ALL_CORPORA.map(only);

const packages: Record<string, string> = {};
const generated: Generated[] = [];
const instances: Instance[] = [];
const allTypes: TypeUnderTest[] = [];
const timings: string[] = [];
let result: Record<string, CheckResult> = {};

before(async () => {
  for (const corpus of CORPORA.filter((c) => c.skip === false)) {
    const source = corpus.source();
    const pkg = await generateInto({ source });
    generated.push(pkg);
    packages[corpus.name] = pkg.out;
    const schemas = bundle(await loadInput(source));
    const types = typesOf(corpus.name, await modelOf(source), schemas);
    allTypes.push(...types);
    const started = performance.now();
    instances.push(...(await instancesOf(types, schemas, OPTIONS)));
    timings.push(`${corpus.name} sampled in ${Math.round(performance.now() - started)} ms`);
  }
  const started = performance.now();
  const all = await typeCheck(instances, packages, path.dirname(generated[0]!.out), path.join(ROOT, 'node_modules', '@types'));
  timings.push(`type-checked in ${Math.round(performance.now() - started)} ms`);
  result = Object.fromEntries(Object.keys(packages).map((corpus) => [corpus, all.corpora[corpus]!]));
});
after(() => Promise.all(generated.map((g) => g.cleanup())));

for (const corpus of CORPORA) {
  test(`${corpus.name}: every valid instance of every type type-checks`, { skip: corpus.skip }, (t) => {
    const r = result[corpus.name]!;
    const kinds = Object.keys(INVALID_KINDS) as InvalidKind[];
    if (corpus === CORPORA[0]) t.diagnostic(timings.join(', '));
    const untested = allTypes.filter((type) => type.corpus === corpus.name && !instances.some((i) => i.type === type && i.invalid === undefined));
    const typeCount = allTypes.filter((type) => type.corpus === corpus.name).length;
    t.diagnostic(`${untested.length} of ${typeCount} types got no valid instance (the sampler's instances all failed ajv): ${untested.map((u) => u.name).join(', ') || 'none'}`);
    assert.deepEqual(untested.map((u) => u.name), [], 'every type has at least one valid instance');
    const forms = Object.keys(FORMS) as Form[];
    t.diagnostic(`${corpus.name}: ${r.types} types, ${r.valid} valid instances; accepted: ${forms.map((f) => `${FORMS[f]} ${r.forms[f].accepted}/${r.forms[f].total}`).join(', ')}`);
    t.diagnostic(`${corpus.name}: invalid refused (as the type and as Input<type>): ${kinds.map((k) => `${INVALID_KINDS[k]} ${r.invalid[k].refused}/${r.invalid[k].total}`).join(', ')}`);
    const failures = r.unsound.slice(0, 10).map(({ instance, form, message }) => `${instance.type.service}.${instance.type.name} (${FORMS[form]}) = ${JSON.stringify(instance.value).slice(0, 300)}\n  ${message.split('\n').slice(0, 3).join('\n  ')}`);
    assert.equal(r.unsound.length, 0, `${r.unsound.length} valid instances refused, e.g.:\n${failures.join('\n')}`);
    // the other direction, where TypeScript can say it: ajv refused each of these for one reason only
    const accepted = r.imprecise.slice(0, 10).map(({ instance: i, target }) => `${i.type.service}.${i.type.name} (${INVALID_KINDS[i.invalid!]}, as ${target}) = ${JSON.stringify(i.value).slice(0, 300)}`);
    assert.equal(r.imprecise.length, 0, `${r.imprecise.length} invalid instances accepted, e.g.:\n${accepted.join('\n')}`);
    // every kind is made where the corpus has its keyword (the real ones have no patternProperties and no tuples)
    const expected = corpus.name === 'synthetic' ? kinds : kinds.filter((k) => k !== 'patternProperties' && k !== 'additionalItems');
    for (const kind of expected) assert.ok(r.invalid[kind].total > 0, `some invalid instances of kind "${INVALID_KINDS[kind]}"`);
  });
}

/** What each kind of keyword becomes in the synthetic package: [what, exact text in omega.d.ts]. */
const SHAPES: Array<[string, RegExp]> = [
  ['type: string with format-only anyOf/oneOf/allOf branches is string', /source: string;\s*sourceIp\?: string;\s*both\?: string;/],
  ['a property with only a description, {}, not, true: unknown', /title: unknown;\s*hash\?: unknown;\s*nothing\?: unknown;\s*always\?: unknown;/],
  ['tuple with additionalItems: its lengths, then the rest', /rest\?: \[\] \| \[string\] \| \[string, number, \.\.\.boolean\[\]\];/],
  ['closed tuple', /closed\?: \[\] \| \[string\] \| \[string, boolean\];/],
  ['tuple without additionalItems: anything after', /open\?: \[\] \| \[string, \.\.\.unknown\[\]\];/],
  ['tuple with minItems', /atLeastOne\?: \[string\] \| \[string, number\];/],
  ['patternProperties, additionalProperties false: the index signature holds the pattern types', /known\?: string;(\s|\/\*\*[^/]*\*\/)*\[k: string\]: number \| string \| undefined;/],
  ['patternProperties, additionalProperties absent: any other key may hold anything', /open\?: \{\s*\[k: string\]: unknown;\s*\};/],
  ['patternProperties with an additionalProperties schema', /mixed\?: \{(\s|\/\*\*[^/]*\*\/)*\[k: string\]: number \| boolean;\s*\};/],
  ['required names an undeclared property: required, unknown', /declared: string;\s*undeclared: unknown;/],
  ['required names an undeclared property of a map: typed by additionalProperties', /alpha: number;\s*\[k: string\]: number;/],
  ['object keywords without type: every other JSON type too', /export type NoRootType =\s*\|\s*\{\s*a: string;\s*\[k: string\]: unknown;\s*\}\s*\|\s*unknown\[\]\s*\|\s*string\s*\|\s*number\s*\|\s*boolean\s*\|\s*null;/],
  ['items without type: the array type, or any other JSON type', /list\?:\s*\|\s*\{\s*\[k: string\]: unknown;\s*\}\s*\|\s*number\[\]\s*\|\s*string\s*\|\s*number\s*\|\s*boolean\s*\|\s*null;/],
  ['additionalItems without a tuple is ignored', /stray\?: string;/],
  ['oneOf of $refs', /one\?: string \| CommonPoint;/],
  ['recursive $ref and nested definitions', /kind\?: 'leaf' \| 'branch';\s*children\?: Tree\[\];\s*parent\?: Tree;/],
];

for (const [what, expected] of SHAPES) {
  test(`synthetic omega.d.ts: ${what}`, async () => {
    // The shapes, without the TSDoc that schema keywords add between members.
    const declarations = await readFile(path.join(packages.synthetic!, 'dist', 'services', 'omega.d.ts'), 'utf8');
    assert.match(withoutDocComments(declarations), expected);
  });
}

/** An application's createTask, as Taskcluster's documentation writes a task: no cast anywhere. */
const CREATE_TASK = (pkg: string) => `import { Queue } from '${pkg}';

const queue = new Queue({ rootUrl: 'https://tc.example.com', credentials: { clientId: 'app', accessToken: 'secret' } });
const taskId = 'fN1SbArXTPSVFNUvaOlinQ';
const now = Date.now();
export async function createExampleTask(): Promise<string> {
  const status = await queue.createTask(taskId, {
    taskQueueId: 'proj-example/ci',
    schedulerId: 'taskcluster-ui',
    taskGroupId: taskId,
    projectId: 'example',
    dependencies: [],
    requires: 'all-completed',
    routes: ['index.project.example.latest'],
    priority: 'lowest',
    retries: 5,
    created: new Date(now).toISOString(),
    deadline: new Date(now + 3 * 3600_000).toISOString(),
    expires: new Date(now + 14 * 86400_000).toISOString(),
    scopes: ['secrets:get:project/example/ci'],
    payload: { image: 'ubuntu:24.04', command: ['bash', '-c', 'echo hello'], maxRunTime: 600, env: { CI: '1' } },
    metadata: {
      name: 'Example task',
      description: 'Says hello',
      owner: 'dev@example.com',
      source: 'https://github.com/example/repo/blob/main/.taskcluster.yml',
    },
    tags: { kind: 'test' },
    extra: { notify: { email: { subject: 'done' } } },
  });
  return status.status.state;
}

export async function misuse(): Promise<void> {
  const metadata = { name: 'n', description: 'd', owner: 'o@example.com', source: 'https://example.com' };
  const times = { created: 'c', deadline: 'd', expires: 'e' };
  // @ts-expect-error metadata.source is a string
  await queue.createTask(taskId, { taskQueueId: 'a/b', payload: {}, ...times, metadata: { ...metadata, source: 7 } });
  // @ts-expect-error metadata is required
  await queue.createTask(taskId, { taskQueueId: 'a/b', payload: {}, ...times });
  // @ts-expect-error priority is one of the schema's values
  await queue.createTask(taskId, { taskQueueId: 'a/b', payload: {}, ...times, metadata, priority: 'urgent' });
}
`;

test('v87.1.3: a strict application calls createTask with a realistic task (metadata.source a URL string), no cast', { skip: CORPORA.find((c) => c.name === 'v87.1.3')!.skip }, async () => {
  const pkg = packages['v87.1.3']!;
  const file = path.join(path.dirname(pkg), 'create-task.ts');
  await writeFile(file, CREATE_TASK(`./${path.basename(pkg)}/dist/index.js`));
  assert.deepEqual(compileApp([file], STRICTEST).diagnostics, []);
});
