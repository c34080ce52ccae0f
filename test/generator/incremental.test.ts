// Incremental generation (issue 23): a run remakes only the service modules whose inputs changed
// since the output was written, and its output is byte-for-byte what a cold run makes. Each test
// changes one thing, then checks which services were rebuilt (GenerateResult.rebuilt) and
// compares the output with a cold run of the same state into a fresh directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { appendFile, cp, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GenerateOptions, GenerateResult } from '../../generator/generate.ts';
import { generate } from '../../generator/generate.ts';
import { readTree, REPO_ROOT, temporaryDir } from './helpers.ts';

const REAL = path.resolve(REPO_ROOT, '../shared/taskcluster-references/v87.1.3');
const skip = existsSync(REAL) ? false : `needs ../shared/taskcluster-references/v87.1.3 (the real snapshots; see the developers' guide)`;
const SERVICES = ['index', 'purge-cache', 'secrets'];

/**
 * A mirror of three real services of v87.1.3, where two schemas are shared: the common
 * schemas/common/shared-note.json, reached by purge-cache and secrets (and through secrets'
 * secret.json by index), and secrets' secret.json, reached by secrets and index.
 */
async function makeMirror(dir: string): Promise<void> {
  for (const service of SERVICES) {
    await cp(path.join(REAL, 'references', service), path.join(dir, 'references', service), { recursive: true });
    await cp(path.join(REAL, 'schemas', service), path.join(dir, 'schemas', service), { recursive: true });
  }
  await cp(path.join(REAL, 'schemas/common'), path.join(dir, 'schemas/common'), { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(REAL, 'references/manifest.json'), 'utf8')) as { references: string[] };
  manifest.references = manifest.references.filter((reference) => SERVICES.includes(reference.split('/')[2]!));
  await writeFile(path.join(dir, 'references/manifest.json'), JSON.stringify(manifest, null, 2));
  await writeJson(dir, 'schemas/common/shared-note.json', {
    $id: '/schemas/common/shared-note.json#',
    $schema: '/schemas/common/metaschema.json#',
    title: 'Shared note',
    description: 'A note several services accept.',
    type: 'string',
  });
  await editJson(dir, 'schemas/secrets/v1/secret.json', (schema) => (schema.properties.note = { $ref: '/schemas/common/shared-note.json#' }));
  await editJson(dir, 'schemas/purge-cache/v1/purge-cache-request.json', (schema) => (schema.properties.note = { $ref: '/schemas/common/shared-note.json#' }));
  await editJson(dir, 'schemas/index/v1/insert-task-request.json', (schema) => (schema.properties.secret = { $ref: '/schemas/secrets/v1/secret.json#' }));
}

const writeJson = (dir: string, file: string, json: unknown) => writeFile(path.join(dir, file), JSON.stringify(json, null, 2) + '\n');
async function editJson(dir: string, file: string, edit: (json: any) => void): Promise<void> {
  const json = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
  edit(json);
  await writeJson(dir, file, json);
}
const describeMore = (dir: string, file: string) => editJson(dir, file, (schema) => (schema.description += ' (changed)'));

type Generate = (options: GenerateOptions) => Promise<GenerateResult>;

/**
 * Generates `references` into `out` (which holds the output of the state before `change`),
 * checks that the modules rebuilt are `expected` (a cold run rebuilds `all`), and that the output equals a cold run.
 */
async function checkRebuilt(run: Generate, references: string, out: string, expected: string[], all: string[] = SERVICES): Promise<void> {
  const result = await run({ references, out });
  assert.equal(result.unchanged, false);
  assert.deepEqual(result.rebuilt, expected);
  const cold = `${out}-cold-${Math.random().toString(36).slice(2)}`;
  const coldResult = await run({ references, out: cold });
  assert.deepEqual(coldResult.rebuilt, all, 'a cold run builds every module');
  assert.deepEqual(await readTree(out), await readTree(cold), 'incremental output differs from a cold run');
  // And the next run is a no-op.
  assert.equal((await run({ references, out })).unchanged, true);
}

test('incremental generation rebuilds exactly the services whose inputs changed', { skip }, async (t) => {
  const { dir, cleanup } = await temporaryDir('tcgen-incremental-');
  t.after(cleanup);
  const references = path.join(dir, 'references-mirror');
  const out = path.join(dir, 'out');
  await makeMirror(references);
  assert.deepEqual((await generate({ references, out })).rebuilt, SERVICES);

  await t.test("one service's reference", async () => {
    await editJson(references, 'references/purge-cache/v1/api.json', (api) => (api.entries[0].description += ' (changed)'));
    await checkRebuilt(generate, references, out, ['purge-cache']);
  });
  await t.test('a schema only one service reaches', async () => {
    await describeMore(references, 'schemas/secrets/v1/secret-list.json');
    await checkRebuilt(generate, references, out, ['secrets']);
  });
  await t.test("a schema in one service's folder that another service reaches too", async () => {
    await describeMore(references, 'schemas/secrets/v1/secret.json');
    await checkRebuilt(generate, references, out, ['index', 'secrets']);
  });
  await t.test('a schema in schemas/common, reached by several services', async () => {
    await describeMore(references, 'schemas/common/shared-note.json');
    await checkRebuilt(generate, references, out, ['index', 'purge-cache', 'secrets']);
  });
  await t.test('a schema no service reaches', async () => {
    await describeMore(references, 'schemas/common/metrics-reference-v0.json');
    const result = await generate({ references, out });
    // The whole-input hash covers every document read; no service module needs remaking.
    assert.ok(result.unchanged || result.rebuilt?.length === 0, `rebuilt ${result.rebuilt}`);
  });
  await t.test('the package version (in every service module)', async () => {
    const result = await generate({ references, out, packageVersion: '1.2.3' });
    assert.deepEqual(result.rebuilt, SERVICES);
  });
  await t.test('a stamp edited by hand (a value, or only its layout) is not up to date, and is rewritten', async () => {
    await generate({ references, out });
    const stampFile = path.join(out, '.tcgen.json');
    const written = await readFile(stampFile, 'utf8');
    const stamp = JSON.parse(written) as { services: Record<string, string> };
    for (const edited of [written.replace(stamp.services['secrets']!, '0000'), JSON.stringify(JSON.parse(written))]) {
      await writeFile(stampFile, edited);
      const check = await generate({ references, out, check: true });
      assert.equal(check.unchanged, false);
      assert.deepEqual(check.files, ['.tcgen.json']);
      await generate({ references, out });
      assert.equal(await readFile(stampFile, 'utf8'), written);
    }
  });
  await t.test("a service's validation schemas module edited in the output is remade", async () => {
    await generate({ references, out });
    await appendFile(path.join(out, 'dist/schemas/index.js'), '// edited\n');
    await checkRebuilt(generate, references, out, ['index']);
  });
  await t.test('a service module edited in the output is remade', async () => {
    await generate({ references, out });
    await appendFile(path.join(out, 'dist/services/secrets.js'), '// edited\n');
    await checkRebuilt(generate, references, out, ['secrets']);
  });
});

test('the workers module is remade only when its payload schemas or the task type change', { skip }, async (t) => {
  const { dir, cleanup } = await temporaryDir('tcgen-incremental-');
  t.after(cleanup);
  const references = path.join(dir, 'references-mirror');
  const out = path.join(dir, 'out');
  await makeMirror(references);
  // generic-worker's payload schemas: a folder no service owns and no reference reaches (model/workers.ts).
  await cp(path.join(REAL, 'schemas/generic-worker'), path.join(references, 'schemas/generic-worker'), { recursive: true });
  const first = await generate({ references, out });
  assert.deepEqual(first.kept, []);
  assert.deepEqual(first.rebuilt, [...SERVICES, 'workers']);
  assert.ok(existsSync(path.join(out, 'dist/workers.d.ts')));

  await t.test("a service's change keeps the workers module", async () => {
    await editJson(references, 'references/secrets/v1/api.json', (api) => (api.entries[0].description += ' (changed)'));
    await checkRebuilt(generate, references, out, ['secrets'], [...SERVICES, 'workers']);
    await editJson(references, 'references/purge-cache/v1/api.json', (api) => (api.entries[0].description += ' (changed)'));
    const result = await generate({ references, out });
    assert.deepEqual(result.kept, ['index', 'secrets', 'workers']);
  });
  await t.test('a payload schema remakes the workers module, and no service', async () => {
    await describeMore(references, 'schemas/generic-worker/insecure_posix.json');
    const result = await generate({ references, out });
    assert.deepEqual(result.rebuilt, ['workers']);
    assert.deepEqual(result.kept, SERVICES);
    const cold = path.join(dir, 'cold-workers');
    await generate({ references, out: cold });
    assert.deepEqual(await readTree(out), await readTree(cold), 'incremental output differs from a cold run');
  });
  await t.test('the workers module edited in the output is remade', async () => {
    await appendFile(path.join(out, 'dist/workers.js'), '// edited\n');
    const result = await generate({ references, out });
    assert.deepEqual(result.rebuilt, ['workers']);
    assert.deepEqual(result.kept, SERVICES);
  });
});

/**
 * A copy of tcgen itself (generator/, templates/, package.json; node_modules linked), so that a
 * test can change its runtime or its code as a new version of tcgen would.
 */
async function copyOfTcgen(dir: string): Promise<Generate> {
  for (const part of ['generator', 'templates', 'package.json']) await cp(path.join(REPO_ROOT, part), path.join(dir, part), { recursive: true });
  await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  // The prebuilt runtime and TypeScript's code cache, as `npm run build` made them: used while they match.
  await cp(path.join(REPO_ROOT, 'lib/runtime-build.json'), path.join(dir, 'lib/runtime-build.json'));
  await cp(path.join(REPO_ROOT, 'lib/code-cache'), path.join(dir, 'lib/code-cache'), { recursive: true }).catch(() => undefined);
  await cp(path.join(REPO_ROOT, 'lib/ts-lib-files'), path.join(dir, 'lib/ts-lib-files'), { recursive: true }).catch(() => undefined);
  const module = (await import(pathToFileURL(path.join(dir, 'generator/generate.ts')).href)) as { generate: Generate };
  return module.generate;
}

test("a new runtime or a new generator rebuilds every service", { skip }, async (t) => {
  const { dir, cleanup } = await temporaryDir('tcgen-incremental-');
  t.after(cleanup);
  const references = path.join(dir, 'references-mirror');
  const out = path.join(dir, 'out');
  await makeMirror(references);
  const tcgen = path.join(dir, 'tcgen');
  const run = await copyOfTcgen(tcgen);
  assert.deepEqual((await run({ references, out })).rebuilt, SERVICES);

  await t.test("the generator's own code", async () => {
    await appendFile(path.join(tcgen, 'generator/render/escape.ts'), '// a new generator\n');
    await checkRebuilt(run, references, out, SERVICES);
  });
  await t.test('the runtime', async () => {
    await appendFile(path.join(tcgen, 'templates/runtime/time.ts'), '// a new runtime\n');
    await checkRebuilt(run, references, out, SERVICES);
  });
});
