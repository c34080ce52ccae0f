// The emit stage's fast path: the package's own modules are checked against the prebuilt
// runtime's declarations (with stand-ins for undici and Node.js names), and still fail on
// code that does not type-check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emitAgainstRuntimeDeclarations } from '../../generator/emit/emit.ts';
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
