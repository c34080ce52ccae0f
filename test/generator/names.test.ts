// Type names and the name lock, on small references served from memory: each rule of
// generator/model/names.ts with its exact names, and the lock's round trip through the stamp
// (.tcgen.json) of a real output directory.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GenerateError } from '../../generator/errors.ts';
import { generate } from '../../generator/generate.ts';
import { loadInput } from '../../generator/load/load.ts';
import { buildModel } from '../../generator/model/model.ts';
import { nameLockOf, typeNameFrom, type NameLock } from '../../generator/model/names.ts';
import { validateReferences } from '../../generator/validate/validate.ts';
import { STAMP_FILE } from '../../generator/write/write.ts';
import { overlaySource, withoutDocComments } from '../corpus/helpers.ts';
import { temporaryDir } from './helpers.ts';

type Files = Record<string, unknown>;

const fn = (name: string, extra: object = {}) => ({
  type: 'function', name, title: name, description: '', stability: 'stable', category: 'C', method: 'get', route: `/${name}`, args: [], query: [], ...extra,
});
const apiOf = (entries: object[]) => ({ $schema: '/schemas/common/api-reference-v0.json#', apiVersion: 'v1', serviceName: 'x', title: 'X', description: '', entries });
const exchangesOf = (entries: object[]) => ({
  $schema: '/schemas/common/exchanges-reference-v0.json#', apiVersion: 'v1', serviceName: 'x', title: 'X events', description: '', exchangePrefix: 'exchange/x/v1/', entries,
});
const exchange = (name: string, schema: string) => ({
  type: 'topic-exchange', name, exchange: name, title: name, description: '', schema,
  routingKey: [{ name: 'routingKeyKind', summary: '', constant: 'primary', multipleWords: false, required: true }],
});
const schema = (file: string, title: string | undefined, properties: object = { id: { type: 'string' } }, extra: object = {}) => ({
  $schema: '/schemas/common/metaschema.json#', $id: `/schemas/x/v1/${file}#`, ...(title === undefined ? {} : { title }), type: 'object', properties, additionalProperties: false, ...extra,
});

/** A deployment with service "x": its api (and exchanges) references and its schemas by file name. */
function deployment(api: object[], schemas: Record<string, object>, exchanges?: object[]): Files {
  return {
    '/references/manifest.json': { $schema: '/schemas/common/manifest-v3.json#', references: ['/references/x/v1/api.json', ...(exchanges ? ['/references/x/v1/exchanges.json'] : [])] },
    '/references/x/v1/api.json': apiOf(api),
    ...(exchanges ? { '/references/x/v1/exchanges.json': exchangesOf(exchanges) } : {}),
    ...Object.fromEntries(Object.entries(schemas).map(([file, json]) => [`/schemas/x/${file.includes('/') ? file : `v1/${file}`}`, json])),
  };
}

/** Service x's names by schema location ("/schemas/x/v1/a.json#/properties/b" → "Name"). */
async function namesOf(files: Files, lock: NameLock = {}): Promise<Record<string, string>> {
  const input = await loadInput(overlaySource(files));
  return nameLockOf(buildModel(validateReferences(input), input, lock).services).x ?? {};
}

const at = (file: string, pointer = '') => `/schemas/x/v1/${file}#${pointer}`;

describe('rule 1: a title in words capitalised as Go does, initialisms in capitals (the Go client\'s list)', () => {
  const cases: Array<[string, string]> = [
    ['AWS S3 Credentials Response', 'AWSS3CredentialsResponse'],
    ['Get URL Download Response', 'GetURLDownloadResponse'],
    ['getUrl download response', 'GetURLDownloadResponse'],
    ['workerPoolId', 'WorkerPoolID'],
    ['List of task IDs', 'ListOfTaskIDs'],
    ['JSON-e context', 'JSONEContext'],
    ['sha256 hash', 'SHA256Hash'],
    ['Github GUID', 'GithubGUID'],
    ['aws provider type', 'AwsProviderType'],
    ['Café order', 'CafeOrder'],
    ['insecure_posix payload', 'InsecurePosixPayload'],
    ['Artifact v2', 'ArtifactV2'],
    ['!!!', ''],
  ];
  for (const [title, name] of cases) test(`${JSON.stringify(title)} → ${JSON.stringify(name)}`, () => assert.equal(typeNameFrom(title), name));

  test('an untitled document takes its file name', async () => {
    const names = await namesOf(deployment([fn('a', { output: 'v1/get-url-response.json#' })], { 'get-url-response.json': schema('get-url-response.json', undefined) }));
    assert.deepEqual(names, { [at('get-url-response.json')]: 'GetURLResponse' });
  });
});

describe('rule 2: title clashes between documents: the first reached keeps the title', () => {
  // Files named so that alphabetical order is the opposite of reach order.
  const schemas = {
    'z-first.json': schema('z-first.json', 'Task'),
    'y-second.json': schema('y-second.json', 'Task'),
    'b-message.json': schema('b-message.json', 'Task Message'),
    'a-message-again.json': schema('a-message-again.json', 'Task Message'),
  };
  test('API entries in reference order, input before output, then exchanges; later ones take their file names', async () => {
    const names = await namesOf(
      deployment([fn('one', { input: 'v1/z-first.json#', output: 'v1/y-second.json#' })], schemas, [exchange('e1', 'v1/b-message.json#'), exchange('e2', 'v1/a-message-again.json#')]),
    );
    assert.deepEqual(names, {
      [at('z-first.json')]: 'Task',
      [at('y-second.json')]: 'YSecond',
      [at('b-message.json')]: 'TaskMessage',
      [at('a-message-again.json')]: 'AMessageAgain',
    });
  });
  test('an entry listed first reaches its output first, whatever the files are called', async () => {
    const names = await namesOf(deployment([fn('one', { output: 'v1/y-second.json#' }), fn('two', { input: 'v1/z-first.json#' })], schemas));
    assert.equal(names[at('y-second.json')], 'Task');
    assert.equal(names[at('z-first.json')], 'ZFirst');
  });
  test('a schema reached through a $ref of an earlier entry counts as reached then', async () => {
    const names = await namesOf(deployment([fn('one', { output: 'v1/list.json#' }), fn('two', { output: 'v1/z-first.json#' })], {
      ...schemas,
      'list.json': schema('list.json', 'List', { first: { $ref: 'y-second.json#' } }),
    }));
    assert.equal(names[at('y-second.json')], 'Task');
    assert.equal(names[at('z-first.json')], 'ZFirst');
  });
  test('file names that clash too fall back to the service-qualified path, then the path with its version; no numbers', async () => {
    const names = await namesOf(deployment([fn('a', { output: 'v1/thing.json#' }), fn('b', { output: 'v2/thing.json#' }), fn('c', { output: 'v3/thing.json#' })], {
      'v1/thing.json': schema('thing.json', 'Thing'),
      'v2/thing.json': { ...schema('thing.json', 'Thing'), $id: '/schemas/x/v2/thing.json#' },
      'v3/thing.json': { ...schema('thing.json', 'Thing'), $id: '/schemas/x/v3/thing.json#' },
    }));
    assert.deepEqual(names, { [at('thing.json')]: 'Thing', '/schemas/x/v2/thing.json#': 'XThing', '/schemas/x/v3/thing.json#': 'XV3Thing' });
  });
  test('a title equal to a class or global name falls back like a clash', async () => {
    const names = await namesOf(deployment([fn('a', { output: 'v1/x.json#' }), fn('b', { output: 'v1/promise-list.json#' })], {
      'x.json': schema('x.json', 'X'),
      'promise-list.json': schema('promise-list.json', 'Promise'),
    }));
    // X is the client's class: title and file name both give X, the qualified path XX.
    assert.deepEqual(names, { [at('x.json')]: 'XX', [at('promise-list.json')]: 'PromiseList' });
  });
});

describe('rule 3: nested schemas, definitions and oneOf/anyOf branches', () => {
  const files = deployment([fn('a', { output: 'v1/status.json#' }), fn('b', { output: 'v1/run.json#' })], {
    'status.json': schema('status.json', 'Task Status', {
      runs: { type: 'array', items: { title: 'Run Information', type: 'object', properties: { runId: { type: 'integer' } } } },
      claim: { title: 'Run', type: 'object', properties: { worker: { type: 'string' } } },
      owner: { type: 'object', properties: { email: { type: 'string' } } },
      artifact: {
        oneOf: [
          { title: 'S3 Artifact', type: 'object', properties: { url: { type: 'string' } } },
          { title: 'Error Artifact', type: 'object', properties: { reason: { type: 'string' } } },
          { type: 'object', properties: { other: { type: 'string' } } },
        ],
      },
      source: { anyOf: [{ title: 'Source URL', type: 'string', format: 'uri' }, { type: 'string' }] },
      again: { anyOf: [{ title: 'S3 Artifact', type: 'object', properties: { bucket: { type: 'string' } } }] },
    }),
    'run.json': schema('run.json', 'Run'),
  });
  test('a titled nested object takes its title when free; documents claim first; untitled ones take parent + path', async () => {
    const names = await namesOf(files);
    assert.deepEqual(names, {
      [at('run.json')]: 'Run',
      [at('status.json')]: 'TaskStatus',
      [at('status.json', '/properties/runs/items')]: 'RunInformation',
      [at('status.json', '/properties/claim')]: 'TaskStatusClaim',
      [at('status.json', '/properties/owner')]: 'TaskStatusOwner',
      [at('status.json', '/properties/artifact/oneOf/0')]: 'S3Artifact',
      [at('status.json', '/properties/artifact/oneOf/1')]: 'ErrorArtifact',
      [at('status.json', '/properties/source/anyOf/0')]: 'SourceURL',
      [at('status.json', '/properties/again/anyOf/0')]: 'TaskStatusAgainAnyOfFirst',
    });
  });
  test('titled branches are named types of the generated module; untitled ones stay inline', async () => {
    const { dir, cleanup } = await temporaryDir();
    try {
      await generate({ source: overlaySource(files), out: dir });
      // The shapes, without the TSDoc the schema keywords add between members.
      const dts = withoutDocComments(await readFile(path.join(dir, 'dist', 'services', 'x.d.ts'), 'utf8'));
      assert.match(dts, /artifact\?:\s*\|\s*S3Artifact\s*\|\s*ErrorArtifact\s*\|\s*\{\s*other\?: string;/);
      assert.match(dts, /source\?: SourceURL \| string;/);
      assert.match(dts, /export type SourceURL = string;/);
      assert.match(dts, /runs\?: RunInformation\[\];/);
    } finally {
      await cleanup();
    }
  });
  test('a nested name equal to another document\'s name falls back to the qualified path instead of failing', async () => {
    const names = await namesOf(deployment([fn('a', { output: 'v1/thing.json#' }), fn('b', { output: 'v1/thing-owner.json#' })], {
      'thing.json': schema('thing.json', 'Thing', { owner: { type: 'object', properties: { name: { type: 'string' } } } }),
      'thing-owner.json': schema('thing-owner.json', 'Thing Owner'),
    }));
    assert.deepEqual(names, { [at('thing.json')]: 'Thing', [at('thing-owner.json')]: 'ThingOwner', [at('thing.json', '/properties/owner')]: 'XThingOwner' });
  });
  test('path names that clash ("fooBar" beside "foo" with "bar") still generate, with letters, never digits', async () => {
    const names = await namesOf(deployment([fn('a', { output: 'v1/thing.json#' })], {
      'thing.json': schema('thing.json', 'Thing', {
        fooBar: { type: 'object', properties: { a: { type: 'string' } } },
        foo: { type: 'object', properties: { bar: { type: 'object', properties: { b: { type: 'string' } } } } },
      }),
    }));
    assert.equal(names[at('thing.json', '/properties/fooBar')], 'ThingFooBar');
    assert.equal(names[at('thing.json', '/properties/foo')], 'ThingFoo');
    assert.equal(names[at('thing.json', '/properties/foo/properties/bar')], 'XThingFooBar');
  });
});

describe('rule 5: titles that give no usable name fall back; a trailing digit is kept', () => {
  test('punctuation only, a leading digit, a trailing digit', async () => {
    const names = await namesOf(deployment([fn('a', { output: 'v1/punctuation.json#' }), fn('b', { output: 'v1/three-d.json#' }), fn('c', { output: 'v1/artifact.json#' })], {
      'punctuation.json': schema('punctuation.json', '!!! ???'),
      'three-d.json': schema('three-d.json', '3D Model'),
      'artifact.json': schema('artifact.json', 'Artifact V2', { nested: { title: '2nd level', type: 'object', properties: { a: { type: 'string' } } } }),
    }));
    assert.deepEqual(names, {
      [at('punctuation.json')]: 'Punctuation',
      [at('three-d.json')]: 'ThreeD',
      [at('artifact.json')]: 'ArtifactV2',
      [at('artifact.json', '/properties/nested')]: 'ArtifactV2Nested',
    });
  });
});

describe('rule 4: the name lock', () => {
  const v1 = deployment([fn('a', { output: 'v1/task.json#' }), fn('b', { output: 'v1/status.json#' })], {
    'task.json': schema('task.json', 'Task', { meta: { title: 'Task Metadata', type: 'object', properties: { name: { type: 'string' } } } }),
    'status.json': schema('status.json', 'Task Status'),
  });
  test('a changed title keeps the recorded name', async () => {
    const lock = { x: await namesOf(v1) };
    const changed = structuredClone(v1) as Record<string, any>;
    changed['/schemas/x/v1/task.json'].title = 'Task Definition';
    changed['/schemas/x/v1/task.json'].properties.meta.title = 'Metadata';
    assert.equal((await namesOf(changed))[at('task.json')], 'TaskDefinition', 'fresh, the new title wins');
    assert.deepEqual(await namesOf(changed, lock), lock.x);
  });
  test('a newcomer reached first does not steal a recorded title; it takes what is free', async () => {
    const lock = { x: await namesOf(v1) };
    const stolen = deployment([fn('zero', { output: 'v1/new-task.json#' }), fn('a', { output: 'v1/task.json#' }), fn('b', { output: 'v1/status.json#' })], {
      'task.json': schema('task.json', 'Task', { meta: { title: 'Task Metadata', type: 'object', properties: { name: { type: 'string' } } } }),
      'status.json': schema('status.json', 'Task Status'),
      'new-task.json': schema('new-task.json', 'Task', { meta: { title: 'Task Metadata', type: 'object', properties: { name: { type: 'string' } } } }),
    });
    assert.equal((await namesOf(stolen))[at('new-task.json')], 'Task', 'without the lock, the newcomer would take Task');
    const names = await namesOf(stolen, lock);
    assert.deepEqual(names, {
      ...lock.x,
      [at('new-task.json')]: 'NewTask',
      [at('new-task.json', '/properties/meta')]: 'NewTaskMeta',
    });
  });
  test('names of schemas that are gone are free again; a hand-edited name is kept', async () => {
    const names = await namesOf(v1, { x: { [at('gone.json')]: 'TaskStatus', [at('task.json')]: 'MyTask' } });
    assert.equal(names[at('status.json')], 'TaskStatus');
    assert.equal(names[at('task.json')], 'MyTask');
  });
  test('a titled branch whose title is dropped keeps its recorded name: its schema still exists', async () => {
    const branches = (first: object) => deployment([fn('a', { output: 'v1/request.json#' })], {
      'request.json': { ...schema('request.json', 'Request'), properties: undefined, additionalProperties: undefined, type: undefined, oneOf: [
        { type: 'object', properties: { url: { type: 'string' } }, ...first },
        { title: 'Error Request', type: 'object', properties: { reason: { type: 'string' } } },
        { type: 'object', properties: { other: { type: 'string' } } },
      ] },
    });
    const lock = { x: await namesOf(branches({ title: 'S3 Request' })) };
    assert.equal(lock.x[at('request.json', '/oneOf/0')], 'S3Request');
    assert.deepEqual(await namesOf(branches({}), lock), lock.x);
    assert.deepEqual(await namesOf(branches({})), { [at('request.json')]: 'Request', [at('request.json', '/oneOf/1')]: 'ErrorRequest' }, 'without the lock, untitled branches stay inline');
  });
  test('a nested object that lost its properties keeps its recorded name: its schema still exists', async () => {
    const lock = { x: await namesOf(v1) };
    assert.equal(lock.x[at('task.json', '/properties/meta')], 'TaskMetadata');
    const changed = structuredClone(v1) as Record<string, any>;
    changed['/schemas/x/v1/task.json'].properties.meta = { type: 'object', additionalProperties: { type: 'string' } };
    assert.deepEqual(await namesOf(changed), { [at('task.json')]: 'Task', [at('status.json')]: 'TaskStatus' }, 'without the lock, it is inlined');
    assert.deepEqual(await namesOf(changed, lock), lock.x);
  });
  test('a lock of another service, or a recorded name now reserved, changes nothing else', async () => {
    const names = await namesOf(v1, { y: { [at('task.json')]: 'Other' }, x: { [at('status.json')]: 'X' } });
    assert.equal(names[at('task.json')], 'Task');
    assert.equal(names[at('status.json')], 'TaskStatus');
  });
});

describe('rule 4: the lock in the stamp, --names and resetting a name', () => {
  const v1 = deployment([fn('a', { output: 'v1/task.json#' })], { 'task.json': schema('task.json', 'Task') });
  const v2 = deployment([fn('zero', { output: 'v1/new-task.json#' }), fn('a', { output: 'v1/task.json#' })], {
    'task.json': schema('task.json', 'Task Definition'),
    'new-task.json': schema('new-task.json', 'Task'),
  });
  let out: string;
  let other: string;
  let cleanups: Array<() => Promise<void>> = [];
  const stampOf = async (dir: string) => JSON.parse(await readFile(path.join(dir, STAMP_FILE), 'utf8'));
  before(async () => {
    const a = await temporaryDir();
    const b = await temporaryDir();
    cleanups = [a.cleanup, b.cleanup];
    out = path.join(a.dir, 'pkg');
    other = path.join(b.dir, 'pkg');
    await generate({ source: overlaySource(v1), out });
  });
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  test('the stamp records every named schema, keeps its other fields, and ships in the package', async () => {
    const stamp = await stampOf(out);
    assert.deepEqual(Object.keys(stamp), ['inputHash', 'files', 'types', 'services', 'sources', 'model']);
    assert.deepEqual(stamp.types, { x: { [at('task.json')]: 'Task' } });
    const manifest = JSON.parse(await readFile(path.join(out, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.files, ['dist', STAMP_FILE]);
  });
  test('regenerating the same reference is a no-op', async () => {
    assert.deepEqual(await generate({ source: overlaySource(v1), out }), { files: [], unchanged: true });
    assert.deepEqual(await generate({ source: overlaySource(v1), out, check: true }), { files: [], unchanged: true });
  });
  test('--names: a fresh directory keeps the names of another output', async () => {
    await generate({ source: overlaySource(v2), out: other, names: path.join(out, STAMP_FILE) });
    assert.deepEqual((await stampOf(other)).types, { x: { [at('task.json')]: 'Task', [at('new-task.json')]: 'NewTask' } });
    const dts = await readFile(path.join(other, 'dist', 'services', 'x.d.ts'), 'utf8');
    assert.match(dts, /export interface Task \{/);
    assert.match(dts, /export interface NewTask \{/);
  });
  test('--names accepts the directory too; without it the output directory\'s own lock holds', async () => {
    const { dir, cleanup } = await temporaryDir();
    try {
      await generate({ source: overlaySource(v2), out: dir, names: out });
      assert.equal((await stampOf(dir)).types.x[at('task.json')], 'Task');
      // The lock file is not part of the hash: --check without --names agrees, and so does a rerun with it.
      assert.deepEqual(await generate({ source: overlaySource(v2), out: dir, check: true }), { files: [], unchanged: true });
      assert.deepEqual(await generate({ source: overlaySource(v2), out: dir, names: out }), { files: [], unchanged: true });
      await generate({ source: overlaySource(v2), out });
      assert.deepEqual((await stampOf(out)).types, { x: { [at('task.json')]: 'Task', [at('new-task.json')]: 'NewTask' } });
    } finally {
      await cleanup();
    }
  });
  test('resetting a name on purpose: delete its entry from .tcgen.json and regenerate', async () => {
    const stamp = await stampOf(out);
    delete stamp.types.x[at('task.json')];
    delete stamp.types.x[at('new-task.json')];
    await writeFile(path.join(out, STAMP_FILE), JSON.stringify(stamp, null, 2));
    const result = await generate({ source: overlaySource(v2), out });
    assert.equal(result.unchanged, false, 'an edited lock makes the output stale');
    assert.deepEqual((await stampOf(out)).types, { x: { [at('task.json')]: 'TaskDefinition', [at('new-task.json')]: 'Task' } });
  });
  test('a --names file that is missing, not JSON, or not a lock is refused, located', async () => {
    const { dir, cleanup } = await temporaryDir();
    try {
      const check = async (name: string, text: string | undefined, expected: RegExp) => {
        const file = path.join(dir, name);
        if (text !== undefined) await writeFile(file, text);
        await assert.rejects(generate({ source: overlaySource(v1), out: path.join(dir, 'out'), names: file }), (error: unknown) => {
          assert.ok(error instanceof GenerateError);
          assert.match(error.message, expected);
          return true;
        });
      };
      await check('missing.json', undefined, /missing\.json: cannot read the name lock \(ENOENT\)/);
      await check('broken.json', '{', /broken\.json: not JSON \(.*\): --names takes the \.tcgen\.json of a package tcgen generated/);
      // The output's own stamp, broken: the message says how to go on.
      const out = path.join(dir, 'broken-out');
      await generate({ source: overlaySource(v1), out });
      await writeFile(path.join(out, STAMP_FILE), '{ "inputHash": ');
      await assert.rejects(generate({ source: overlaySource(v1), out }), (error: unknown) => {
        assert.ok(error instanceof GenerateError);
        assert.match(error.message, /broken-out\/\.tcgen\.json: not JSON \(.*\): restore this stamp .*or remove the output directory to generate it afresh/);
        return true;
      });
      await check('package.json', '{"name": "x"}', /package\.json#\/types: no name lock here/);
      await check('bad.json', JSON.stringify({ types: { x: { [at('task.json')]: '1Task', ok: 'Fine' }, y: [] } }), new RegExp(
        `bad\\.json#/types/x/${at('task.json').replace(/\//g, '~1').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: expected a type name .*found "1Task"\\n.*bad\\.json#/types/y: expected an object`,
      ));
      // json-schema-to-typescript capitalises the name it declares (and a letter after a digit),
      // so these would declare Task / Task2Go while the code refers to task / Task2go.
      for (const name of ['task', 'Task2go']) {
        await check(`${name}.json`, JSON.stringify({ types: { x: { [at('task.json')]: name } } }), new RegExp(`${name}\\.json#/types/x/.*: expected a type name .*found "${name}"`));
      }
    } finally {
      await cleanup();
    }
  });
});
