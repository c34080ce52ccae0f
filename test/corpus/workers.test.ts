// Worker payload types (`<package>/workers`, issue 24): the payload schemas are discovered by rule
// (folders of /schemas/ that no service of the manifest owns, except the reference formats' own),
// each becomes a named type under the naming rules and the lock, `WorkerPayloads` maps the schema
// paths to them and `TaskFor<K>` types createTask's input; the generated README's examples are
// valid for ajv and compile. The soundness machinery (soundness.ts) checks these types too.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { loadInput } from '../../generator/load/load.ts';
import { buildModel } from '../../generator/model/model.ts';
import { validateReferences } from '../../generator/validate/validate.ts';
import { dirSource, generateInto, ROOT, skipUnlessSnapshot, type Generated } from './helpers.ts';
import { bundle, instancesOf, typeCheck, typesOf } from './soundness.ts';
import { validatorFor } from './soundness-bundle.ts';
import { compileApp } from './compile-app.ts';

const skip = skipUnlessSnapshot('v87.1.3');
let pkg: Generated | undefined;

before(async () => {
  if (skip === false) pkg = await generateInto({ source: dirSource('v87.1.3') });
});
after(() => pkg?.cleanup());

/** Strict NodeNext diagnostics of `files` (name → text) written beside the package, as `line: message`. */
async function compile(files: Record<string, string>): Promise<string[]> {
  const dir = path.dirname(pkg!.out);
  await mkdir(path.join(dir, 'app'), { recursive: true });
  await writeFile(path.join(dir, 'app', 'package.json'), '{ "type": "module" }\n');
  const paths = await Promise.all(
    Object.entries(files).map(async ([name, text]) => {
      await writeFile(path.join(dir, name), text);
      return path.join(dir, name);
    }),
  );
  return compileApp(paths).diagnostics;
}

test('payload schemas are discovered in both snapshots: every worker folder, nothing of common/ or of a service', async (t) => {
  for (const version of ['v87.1.3', 'v44.0.0'] as const) {
    if (skipUnlessSnapshot(version)) {
      t.diagnostic(String(skipUnlessSnapshot(version)));
      continue;
    }
    const input = await loadInput(dirSource(version));
    const expected = {
      'v87.1.3': ['/schemas/docker-worker/v1/payload.json', '/schemas/generic-worker/insecure_posix.json', '/schemas/generic-worker/multiuser_posix.json', '/schemas/generic-worker/multiuser_windows.json'],
      'v44.0.0': ['/schemas/docker-worker/v1/payload.json', '/schemas/generic-worker/docker_posix.json', '/schemas/generic-worker/multiuser_posix.json', '/schemas/generic-worker/multiuser_windows.json', '/schemas/generic-worker/simple_posix.json'],
    }[version];
    assert.deepEqual(input.payloadSchemas, expected, version);
    const model = buildModel(validateReferences(input), input);
    assert.deepEqual(model.workers?.payloads.map((p) => p.key), expected.map((p) => p.slice('/schemas/'.length, -'.json'.length)));
    assert.deepEqual(model.workers?.task, { serviceName: 'queue', typeName: 'TaskDefinitionRequest' });
  }
});

test('worker types follow the naming rules and keep the names the lock records (lock key "workers")', { skip }, async () => {
  const input = await loadInput(dirSource('v87.1.3'));
  const references = validateReferences(input);
  const names = (lock = {}) => Object.fromEntries(buildModel(references, input, lock).workers!.payloads.map((p) => [p.key, p.typeName]));
  // titles first ("Docker worker payload"), Go's capitalisation; a clash falls back to the document's name
  assert.deepEqual(names(), {
    'docker-worker/v1/payload': 'DockerWorkerPayload',
    'generic-worker/insecure_posix': 'PayloadInsecurePosix',
    'generic-worker/multiuser_posix': 'PayloadMultiuserPosix',
    'generic-worker/multiuser_windows': 'GenericWorkerPayloadMultiuserWindows',
  });
  const locked = names({ workers: { '/schemas/generic-worker/multiuser_posix.json#': 'PosixPayload' } });
  assert.equal(locked['generic-worker/multiuser_posix'], 'PosixPayload');
  assert.equal(locked['docker-worker/v1/payload'], 'DockerWorkerPayload');
});

test('a service named "workers" is refused: the package subpath is taken', async () => {
  const { overlaySource } = await import('./helpers.ts');
  const source = overlaySource({
    '/references/manifest.json': { $schema: '/schemas/common/manifest-v3.json#', references: ['/references/workers/v1/api.json'] },
    '/references/workers/v1/api.json': { $schema: '/schemas/common/api-reference-v0.json#', apiVersion: 'v1', serviceName: 'workers', title: 'W', description: '', entries: [] },
  });
  const input = await loadInput(source);
  assert.throws(() => buildModel(validateReferences(input), input), /would take the package's own "\.\/workers" export/);
});

const TASK = `import { Queue } from '../pkg/dist/index.js';
import type { TaskFor, WorkerPayloads } from '../pkg/dist/workers.js';

const queue = new Queue({ rootUrl: 'https://tc.example.com' });
const base = {
  taskQueueId: 'proj/ci', created: '2030-01-01T00:00:00Z', deadline: '2030-01-01T01:00:00Z',
  metadata: { name: 'n', description: 'd', owner: 'o@example.com', source: 'https://example.com' },
};
export async function typed(): Promise<void> {
  const posix = { ...base, payload: { command: [['bash', '-c', 'echo hi']], maxRunTime: 600, env: { CI: '1' } } } satisfies TaskFor<'generic-worker/multiuser_posix'>;
  await queue.createTask('fN1SbArXTPSVFNUvaOlinQ', posix);
  const docker = { ...base, payload: { image: 'ubuntu:24.04', command: ['echo', 'hi'], maxRunTime: 600 } } satisfies TaskFor<'docker-worker/v1/payload'>;
  await queue.createTask('fN1SbArXTPSVFNUvaOlinQ', docker);
  const windows: WorkerPayloads['generic-worker/multiuser_windows'] = { command: ['dir'], maxRunTime: 60 };
  void windows;
}
// The forms application code holds a task in, as createTask takes them (Input<T>).
interface Extra { owner: string; attempts: number }
export async function userForms(priority: 'high' | undefined, routes: readonly string[], extra: Extra, command: readonly string[]): Promise<void> {
  const payload = { command: [['true']], maxRunTime: 60 } as const;
  const posix = { ...base, payload, priority, routes, extra } satisfies TaskFor<'generic-worker/multiuser_posix'>;
  await queue.createTask('fN1SbArXTPSVFNUvaOlinQ', posix);
  const docker = { ...base, payload: { image: 'ubuntu:24.04', command, maxRunTime: 600 } } satisfies TaskFor<'docker-worker/v1/payload'>;
  await queue.createTask('fN1SbArXTPSVFNUvaOlinQ', docker);
}
export function refused(): void {
  // @ts-expect-error maxRunTime misspelt
  void ({ ...base, payload: { command: [['true']], maxRuntime: 600 } } satisfies TaskFor<'generic-worker/multiuser_posix'>);
  // @ts-expect-error maxRunTime misspelt (beside the right one: an unknown property)
  void ({ ...base, payload: { image: 'ubuntu', maxRunTime: 1, maxRuntime: 600 } } satisfies TaskFor<'docker-worker/v1/payload'>);
  // @ts-expect-error a string where the schema wants a list of commands
  void ({ ...base, payload: { command: 'echo hi', maxRunTime: 600 } } satisfies TaskFor<'generic-worker/multiuser_windows'>);
  // @ts-expect-error a list of strings where each command is a list of arguments
  void ({ ...base, payload: { command: ['echo hi'], maxRunTime: 600 } } satisfies TaskFor<'generic-worker/insecure_posix'>);
  // @ts-expect-error the required maxRunTime is missing
  void ({ ...base, payload: { command: [['true']] } } satisfies TaskFor<'generic-worker/multiuser_posix'>);
  // @ts-expect-error the docker-worker payload requires image
  void ({ ...base, payload: { maxRunTime: 600 } } satisfies TaskFor<'docker-worker/v1/payload'>);
  // @ts-expect-error the task's own fields are still checked (metadata is required)
  void ({ taskQueueId: 'a/b', created: 'c', deadline: 'd', payload: { command: [['true']], maxRunTime: 1 } } satisfies TaskFor<'generic-worker/multiuser_posix'>);
  // @ts-expect-error only the reference's workers are keys
  type Unknown = TaskFor<'generic-worker/simple_posix'>;
}
`;

test('TaskFor and WorkerPayloads: realistic payloads compile; a misspelt maxRunTime, a string for commands, a missing field do not', { skip }, async () => {
  assert.deepEqual(await compile({ 'app/task.ts': TASK }), []);
});

test("the generated README's worker examples compile and are valid for their schemas (ajv)", { skip }, async () => {
  const readme = await readFile(path.join(pkg!.out, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Worker payloads'));
  const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!.replaceAll('@tcgen/taskcluster-client/workers', '../pkg/dist/workers.js').replaceAll('@tcgen/taskcluster-client', '../pkg/dist/index.js'));
  const keys = [...section.matchAll(/WorkerPayloads\['([^']+)'\]/g)].map((m) => m[1]);
  assert.deepEqual(keys, ['docker-worker/v1/payload', 'generic-worker/insecure_posix', 'generic-worker/multiuser_posix', 'generic-worker/multiuser_windows'], 'one example per payload schema');
  const files = Object.fromEntries(blocks.map((text, i) => [`app/readme-${i}.ts`, `${text}\nexport {};\n`]));
  assert.deepEqual(await compile(files), []);
  const input = await loadInput(dirSource('v87.1.3'));
  const schemas = bundle(input);
  const validate = validatorFor(schemas);
  for (const block of blocks.slice(1)) {
    const [, key, json] = /WorkerPayloads\['([^']+)'\] = ([\s\S]*);\s*$/.exec(block.trim())!;
    const value = new Function(`return (${json});`)();
    assert.deepEqual(validate(schemas.pointerOf(`/schemas/${key}.json`, ''), value), [], `${key}: ${json}`);
  }
});

test('soundness: valid instances of every worker type type-check, invalid ones (one reason) are refused', { skip }, async (t) => {
  const source = dirSource('v87.1.3');
  const input = await loadInput(source);
  const schemas = bundle(input);
  const model = buildModel(validateReferences(input), input);
  // typeCheck imports `<package>/dist/services/<service>.js`: a module there re-exports the workers'.
  const dir = path.dirname(pkg!.out);
  const shim = path.join(dir, 'workers-shim');
  await mkdir(path.join(shim, 'dist', 'services'), { recursive: true });
  await writeFile(path.join(shim, 'dist', 'services', 'workers.ts'), `export type * from '../../../pkg/dist/workers.js';\n`);
  // …and its dist/index.js gives the package's Input<T> (the forms of each instance are checked as Input<T> too).
  await writeFile(path.join(shim, 'dist', 'index.ts'), `export type * from '../../pkg/dist/index.js';\n`);
  const types = typesOf('workers', { services: [{ serviceName: 'workers', types: model.workers!.types }] } as never, schemas);
  const instances = await instancesOf(types, schemas, { seed: 20261207, samples: 2, validPerType: 6, invalidPerKind: 2 });
  const { corpora } = await typeCheck(instances, { workers: shim }, dir, path.join(ROOT, 'node_modules', '@types'));
  const r = corpora.workers!;
  t.diagnostic(`${r.types} of ${types.length} worker types, ${r.valid} valid instances, accepted: ${Object.entries(r.forms).map(([form, f]) => `${form} ${f.accepted}/${f.total}`).join(', ')}; invalid refused: ${Object.entries(r.invalid).map(([k, v]) => `${k} ${v.refused}/${v.total}`).join(', ')}`);
  assert.equal(r.types, types.length, 'every worker type has instances');
  assert.deepEqual(r.unsound.slice(0, 5).map((u) => `${u.instance.type.name}: ${u.message.split('\n')[0]}`), []);
  assert.deepEqual(r.imprecise.slice(0, 5).map(({ instance: i, target }) => `${i.type.name} (${i.invalid}, as ${target}) = ${JSON.stringify(i.value).slice(0, 200)}`), []);
  assert.ok(r.valid > types.length, `${r.valid} valid instances for ${types.length} types`);
  // Payload schemas have no tuples and no patternProperties: those kinds have no instances here.
  for (const kind of ['required', 'type', 'enum', 'additionalProperties'] as const) assert.ok(r.invalid[kind].total > 0, `no invalid instance of kind ${kind}`);
  for (const form of Object.values(r.forms)) assert.equal(form.accepted, r.valid);
});
