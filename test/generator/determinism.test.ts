// Same input → byte-identical output; the order references are listed in does not matter
// (only the input hash in the stamp, which records the manifest's own bytes, may differ).
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { generate } from '../../generator/index.ts';
import { STAMP_FILE } from '../../generator/write/write.ts';
import { COMMITTED_OUTPUT, EMBEDDED_REFERENCES, copyTree, readTree, temporaryDir } from './helpers.ts';

test('two runs on the embedded references write byte-identical trees, equal to the committed generated/', async () => {
  const { dir, cleanup } = await temporaryDir();
  try {
    const first = await generate({ references: EMBEDDED_REFERENCES, out: path.join(dir, 'first') });
    const second = await generate({ references: EMBEDDED_REFERENCES, out: path.join(dir, 'second') });
    assert.deepEqual(first.files, second.files);
    assert.ok(first.files.includes('dist/services/purge-cache.d.ts'));
    const a = await readTree(path.join(dir, 'first'));
    const b = await readTree(path.join(dir, 'second'));
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [file, bytes] of a) assert.ok(bytes.equals(b.get(file)!), `${file} differs between runs`);
    const committed = await readTree(COMMITTED_OUTPUT);
    assert.deepEqual([...committed.keys()], [...a.keys()]);
    for (const [file, bytes] of a) assert.ok(bytes.equals(committed.get(file)!), `${file} differs from generated/`);
  } finally {
    await cleanup();
  }
});

test('listing references in another order, or reformatting a schema, changes nothing but the stamp', async () => {
  const { dir, cleanup } = await temporaryDir();
  try {
    const references = path.join(dir, 'references');
    await copyTree(EMBEDDED_REFERENCES, references);
    const manifestPath = path.join(references, 'references/manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    manifest.references = [...manifest.references, '/references/purge-cache/v1/api.json'].reverse().slice(0, 1);
    await writeFile(manifestPath, JSON.stringify(manifest));
    const schemaPath = path.join(references, 'schemas/purge-cache/v1/purge-cache-requests.json');
    await writeFile(schemaPath, JSON.stringify(JSON.parse(await readFile(schemaPath, 'utf8')), null, 8));
    await generate({ references, out: path.join(dir, 'out') });
    const produced = await readTree(path.join(dir, 'out'));
    const committed = await readTree(COMMITTED_OUTPUT);
    assert.deepEqual([...produced.keys()], [...committed.keys()]);
    for (const [file, bytes] of produced) {
      if (file === STAMP_FILE) continue;
      assert.ok(bytes.equals(committed.get(file)!), `${file} differs`);
    }
    assert.notEqual(produced.get(STAMP_FILE)!.toString(), committed.get(STAMP_FILE)!.toString());
  } finally {
    await cleanup();
  }
});

test('a second run on unchanged input does nothing after loading', async () => {
  const { dir, cleanup } = await temporaryDir();
  try {
    const out = path.join(dir, 'out');
    const stages: string[] = [];
    await generate({ references: EMBEDDED_REFERENCES, out });
    const again = await generate({ references: EMBEDDED_REFERENCES, out, onStage: (stage) => stages.push(stage) });
    assert.deepEqual(again, { files: [], unchanged: true });
    assert.deepEqual(stages, ['load']);
  } finally {
    await cleanup();
  }
});

test('with or without the runtime prebuilt by npm run build, the output is the same', async () => {
  const { dir, cleanup } = await temporaryDir();
  try {
    const { loadRuntimeBuild } = await import('../../generator/emit/runtime-build.ts');
    const { runtimeFiles } = await import('../../generator/render/runtime-files.ts');
    const runtime = await runtimeFiles();
    assert.ok(await loadRuntimeBuild(runtime), 'npm test builds lib/runtime-build.json first (pretest)');
    const changed = new Map(runtime).set('src/runtime/url.ts', runtime.get('src/runtime/url.ts') + '\n// changed\n');
    assert.equal(await loadRuntimeBuild(changed), undefined, 'a build made from other runtime sources is not used');
    await generate({ references: EMBEDDED_REFERENCES, out: path.join(dir, 'compiled'), prebuiltRuntime: false });
    const compiled = await readTree(path.join(dir, 'compiled'));
    const committed = await readTree(COMMITTED_OUTPUT);
    assert.deepEqual([...compiled.keys()], [...committed.keys()]);
    for (const [file, bytes] of compiled) assert.ok(bytes.equals(committed.get(file)!), `${file} differs`);
  } finally {
    await cleanup();
  }
});
