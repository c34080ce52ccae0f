// TypeScript as ts-morph bundles it (@ts-morph/common: its `ts` and `getLibFiles`), loaded
// through require with a V8 code cache. Its 9 MB `typescript.js` took ~1 s of each run to
// compile, and importing `ts-morph` from ESM parsed it twice more (format detection and the
// CommonJS export scan). Node 20 has no module.enableCompileCache (Node >= 22.1), so the cache
// is V8's own (vm.Script cachedData), written by `npm run build` after it compiled the runtime,
// when the functions a type-check and emit need are compiled too. A cache V8 rejects (another
// Node, changed flags) or a missing one only costs the compile it would have saved.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import type * as TsMorphCommon from '@ts-morph/common';

const require = createRequire(import.meta.url);
const CODE_CACHE_DIR = fileURLToPath(new URL('../../lib/code-cache/', import.meta.url));
/** The two big files: TypeScript itself, and ts-morph's helpers with the lib .d.ts texts. */
const CACHED_FILES = ['@ts-morph/common/dist/typescript.js', '@ts-morph/common/dist/ts-morph-common.js'].map((specifier) => require.resolve(specifier));
const scripts = new Map<string, vm.Script>();

/** The cache of `file` for this V8 version (V8 also checks the source and its own flags itself). */
const cacheFileOf = (file: string): string => path.join(CODE_CACHE_DIR, `${path.basename(file)}-v8-${process.versions.v8}.bin`);

/** Runs the CommonJS module `file` as require would, but compiled with its code cache, and registers it in require.cache. */
function requireWithCodeCache(file: string): void {
  if (require.cache[file]) return;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFileOf(file));
  } catch {
    cachedData = undefined; // not built yet: compile as require would
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  scripts.set(file, script);
  const module = new Module(file);
  module.filename = file;
  require.cache[file] = module;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  } catch (error) {
    delete require.cache[file];
    throw error;
  }
  module.loaded = true;
}

function loadTsMorphCommon(): typeof TsMorphCommon {
  for (const file of CACHED_FILES) requireWithCodeCache(file);
  return require('@ts-morph/common') as typeof TsMorphCommon;
}

const common = loadTsMorphCommon();
/** The TypeScript compiler API (ts-morph's bundled copy). */
export const ts: typeof TsMorphCommon.ts = common.ts;
/** TypeScript's lib .d.ts files, which ts-morph ships in memory. */
export const getLibFiles: typeof TsMorphCommon.getLibFiles = common.getLibFiles;

/**
 * Writes the code cache of the files loaded here, with every function compiled so far: call it
 * after a type-check and emit (`npm run build` does, after building the runtime).
 */
export async function writeCodeCache(): Promise<void> {
  await mkdir(CODE_CACHE_DIR, { recursive: true });
  await Promise.all([...scripts].map(([file, script]) => writeFile(cacheFileOf(file), script.createCachedData())));
}
