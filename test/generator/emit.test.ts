// The emit stage's fast path: the package's own modules are checked against the prebuilt
// runtime's declarations (with stand-ins for undici and Node.js names), and still fail on
// code that does not type-check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emitAgainstRuntimeDeclarations } from '../../generator/emit/emit.ts';
import { startEmitThread } from '../../generator/emit/emit-thread.ts';
import { loadRuntimeBuild, runtimeDeclarations } from '../../generator/emit/runtime-build.ts';
import { GenerateError } from '../../generator/errors.ts';
import { runtimeFiles } from '../../generator/render/runtime-files.ts';

async function declarations(): Promise<Map<string, string>> {
  const build = await loadRuntimeBuild(await runtimeFiles());
  assert.ok(build, 'npm test builds lib/runtime-build.json first (pretest)');
  return runtimeDeclarations(build);
}

test('a module using the runtime correctly is emitted as .js and .d.ts, and only it', async () => {
  const source = "import * as runtime from '../runtime/index.js';\nexport const options: runtime.ClientOptions = { rootUrl: 'https://tc.example.com', retries: 1 };\n";
  const emitted = emitAgainstRuntimeDeclarations(new Map([['src/services/x.ts', source]]), await declarations());
  assert.deepEqual([...emitted.keys()].sort(), ['dist/services/x.d.ts', 'dist/services/x.js']);
  assert.match(emitted.get('dist/services/x.d.ts')!, /export declare const options: runtime\.ClientOptions;/);
});

test('a module misusing the runtime fails with a located type error', async () => {
  const source = "import * as runtime from '../runtime/index.js';\nexport const options: runtime.ClientOptions = { rootUrl: 42 };\n";
  assert.throws(
    () => emitAgainstRuntimeDeclarations(new Map([['src/services/x.ts', source]]), new Map()),
    (error: unknown) => error instanceof GenerateError && /^src\/services\/x\.ts:1:26: generated code does not type-check: TS2307/.test(error.message),
  );
  const declared = await declarations();
  assert.throws(
    () => emitAgainstRuntimeDeclarations(new Map([['src/services/x.ts', source]]), declared),
    (error: unknown) => error instanceof GenerateError && /^src\/services\/x\.ts:2:49: generated code does not type-check: TS2322: Type 'number' is not assignable to type 'string'/.test(error.message),
  );
});

test('handing over each file as it is written: the same files, and a type error still throws after them', async () => {
  const declared = await declarations();
  const good = "import * as runtime from '../runtime/index.js';\nexport const options: runtime.ClientOptions = { rootUrl: 'https://tc.example.com' };\n";
  const handed: Array<[string, string]> = [];
  const emitted = emitAgainstRuntimeDeclarations(new Map([['src/services/x.ts', good], ['src/index.ts', "export * from './services/x.js';\n"]]), declared, new Map(), (file, text) => handed.push([file, text]));
  assert.deepEqual(handed.map(([file]) => file).sort(), ['dist/index.d.ts', 'dist/index.js', 'dist/services/x.d.ts', 'dist/services/x.js']);
  for (const [file, text] of handed) assert.equal(emitted.get(file), text);
  // The same bytes as emitting after the check.
  assert.deepEqual(emitAgainstRuntimeDeclarations(new Map([['src/services/x.ts', good], ['src/index.ts', "export * from './services/x.js';\n"]]), declared), emitted);

  const bad = good.replace("'https://tc.example.com'", '42');
  const early: string[] = [];
  assert.throws(
    () => emitAgainstRuntimeDeclarations(new Map([['src/services/x.ts', bad]]), declared, new Map(), (file) => early.push(file)),
    (error: unknown) => error instanceof GenerateError && /TS2322/.test(error.message),
  );
  // Emitted before the check (noEmitOnError would have checked first): the caller drops it.
  assert.deepEqual(early, ['dist/services/x.js', 'dist/services/x.d.ts']);
});

test('the emit thread: every emitted file arrives before the check, and a failed check rejects', async () => {
  const declared = await declarations();
  const good = "import * as runtime from '../runtime/index.js';\nexport const options: runtime.ClientOptions = { rootUrl: 'https://tc.example.com' };\n";
  const thread = startEmitThread(declared);
  try {
    const arrived: string[] = [];
    const { checked } = thread.emit(new Map([['src/services/x.ts', good]]), (file) => arrived.push(file));
    const emitted = await checked;
    assert.deepEqual(arrived, ['dist/services/x.js', 'dist/services/x.d.ts']);
    assert.deepEqual([...emitted.keys()], arrived);
    // TypeScript's own printing (four-space indentation), for the main thread to format.
    assert.equal(emitted.get('dist/services/x.d.ts'), "import * as runtime from '../runtime/index.js';\nexport declare const options: runtime.ClientOptions;\n");
  } finally {
    await thread.close();
  }
  const failing = startEmitThread(declared);
  try {
    const arrived: string[] = [];
    const { checked } = failing.emit(new Map([['src/services/x.ts', good.replace("'https://tc.example.com'", '42')]]), (file) => arrived.push(file));
    await assert.rejects(checked, (error: unknown) => error instanceof GenerateError && /TS2322/.test(error.message));
    assert.deepEqual(arrived, ['dist/services/x.js', 'dist/services/x.d.ts']);
  } finally {
    await failing.close();
  }
});

test("TypeScript's lib files, read from the build's copy, are ts-morph's own, name for name and byte for byte", async () => {
  const { libFileText, ts } = await import('../../generator/emit/typescript.ts');
  const { getLibFiles: tsMorphLibFiles, ts: tsMorphTs } = await import('@ts-morph/common');
  assert.equal(ts.version, tsMorphTs.version);
  const libs = tsMorphLibFiles();
  assert.ok(libs.length > 100 && libs.some((lib) => lib.fileName === 'lib.es2022.d.ts'));
  for (const lib of libs) assert.equal(libFileText(lib.fileName), lib.text, lib.fileName);
  for (const name of ['lib.nothing.d.ts', '../package.json', 'typescript-version']) assert.equal(libFileText(name), undefined, name);
});
