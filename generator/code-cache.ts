// The big CommonJS files a run loads (TypeScript as ts-morph bundles it, 9 MB), compiled with a
// V8 code cache. Node 20 has no module.enableCompileCache
// (Node >= 22.1), so the cache is V8's own (vm.Script cachedData), written by `npm run build`
// after it compiled the runtime, when the functions a run needs are compiled too.
// A cache V8 rejects (another Node, changed flags) or a missing one only costs the compile it would
// have saved. Stages share this module; it loads nothing itself.
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
// generator/ and lib/ (compiled) both sit at tcgen's root.
const CODE_CACHE_DIR = fileURLToPath(new URL('../lib/code-cache/', import.meta.url));
const scripts = new Map<string, vm.Script>();

/**
 * The cache of `file` for this V8 version (V8 also checks the source and its own flags itself),
 * named by the file's path below node_modules: two packages both have a `typescript.js`.
 */
const cacheFileOf = (file: string): string => {
  const name = file.split(`${path.sep}node_modules${path.sep}`).pop()!.split(path.sep).join('+');
  return path.join(CODE_CACHE_DIR, `${name}-v8-${process.versions.v8}.bin`);
};

/**
 * A file's text. TypeScript's 9 MB are all ASCII, which decodes as latin1 in ~60 ms where
 * Node's UTF-8 decoder takes ~100 ms (on this project's machine); other files decode as UTF-8.
 */
function sourceText(file: string): string {
  const bytes = readFileSync(file);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/**
 * Requires the CommonJS module `specifier` (resolved from tcgen) as `require` would, but compiled
 * with its code cache, and registers it in require.cache. Returns its exports. Throws what the
 * module throws.
 */
export function requireWithCodeCache(specifier: string): unknown {
  const file = require.resolve(specifier);
  if (!require.cache[file]) {
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(cacheFileOf(file));
    } catch {
      cachedData = undefined; // not built yet: compile as require would
    }
    const script = new vm.Script(Module.wrap(sourceText(file)), { filename: file, cachedData });
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
  return require.cache[file]!.exports;
}

/**
 * Writes the code cache of the files loaded here, with every function compiled so far: call it
 * after a type-check and emit (`npm run build` does, after building the runtime).
 */
export async function writeCodeCache(): Promise<void> {
  await mkdir(CODE_CACHE_DIR, { recursive: true });
  await Promise.all([...scripts].map(([file, script]) => writeFile(cacheFileOf(file), script.createCachedData())));
}
