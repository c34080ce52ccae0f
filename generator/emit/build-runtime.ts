// Makes the runtime's prebuilt output that runs use (see runtime-build.ts); `npm run build` calls writeRuntimeBuild after tsc.
import { writeFile } from 'node:fs/promises';
import { formatFiles } from '../format/format.ts';
import { runtimeFiles } from '../render/runtime-files.ts';
import { emitPackage } from './emit.ts';
import { writeCodeCache } from '../code-cache.ts';
import { writeLibFiles } from './typescript.ts';
import { RUNTIME_BUILD_FILE, runtimeSourceHash, type RuntimeBuild } from './runtime-build.ts';

/** Type-checks (against the real @types/node and undici types), emits and formats the runtime on its own. */
export async function buildRuntime(runtime: Map<string, string>): Promise<RuntimeBuild> {
  const emitted = emitPackage(new Map([...runtime, ['package.json', '{"type":"module"}']]));
  const files = await formatFiles(emitted);
  return { sourceHash: await runtimeSourceHash(runtime), files: Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/** Writes lib/runtime-build.json, TypeScript's lib files (lib/ts-lib-files/) and the code cache, lib/code-cache/ (`npm run build`). */
export async function writeRuntimeBuild(): Promise<void> {
  const build = await buildRuntime(await runtimeFiles());
  await writeFile(RUNTIME_BUILD_FILE, JSON.stringify(build) + '\n');
  // The runtime's type-check and emit compiled what a run needs: cache it.
  await writeLibFiles();
  await writeCodeCache();
}
