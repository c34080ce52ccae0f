// TypeScript as ts-morph bundles it (@ts-morph/common's `typescript.js`), loaded through require
// with a V8 code cache (../code-cache.ts): its 9 MB took ~1 s of each run to compile, and
// importing `ts-morph` from ESM parsed it twice more (format detection and the CommonJS export
// scan). TypeScript's lib .d.ts files, which ts-morph ships in memory inside its 3 MB helper
// module, are copied by `npm run build` into lib/ts-lib-files/, one file each, so that a run
// reads the ~110 KB it uses (lib.es2022.d.ts and what it references) instead of loading that
// module (~0.12 s) or parsing all 108 of them as one 2.8 MB JSON (~0.05 s); a copy for another
// TypeScript version is ignored.
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TsMorphCommon from '@ts-morph/common';
import { requireWithCodeCache } from '../code-cache.ts';

type LibFile = { fileName: string; text: string };

/** The TypeScript compiler API (ts-morph's bundled copy). */
export const ts = requireWithCodeCache('@ts-morph/common/dist/typescript.js') as typeof TsMorphCommon.ts;

const LIB_DIR = fileURLToPath(new URL('../../lib/ts-lib-files/', import.meta.url));
/** Names the TypeScript version the copy in LIB_DIR is of. */
const VERSION_FILE = 'typescript-version';

/** ts-morph's in-memory copies of TypeScript's lib files, from its helper module. */
const libFilesOfTsMorph = (): LibFile[] => (requireWithCodeCache('@ts-morph/common') as typeof TsMorphCommon).getLibFiles();

let fromTsMorph: Map<string, string> | undefined;
let copyMatches: boolean | undefined;
const copied = new Map<string, string | undefined>();

/**
 * The text of TypeScript's lib file `fileName` ("lib.es2022.d.ts"), as ts-morph's getLibFiles gives
 * it; undefined when TypeScript has no such lib. Reads the build's copy when it is of this
 * TypeScript version, else ts-morph's helper module (not built yet, or built for another version).
 */
export function libFileText(fileName: string): string | undefined {
  copyMatches ??= readText(VERSION_FILE) === ts.version;
  if (copyMatches) {
    if (!copied.has(fileName)) copied.set(fileName, /^lib(?:\.[\w-]+)*\.d\.ts$/.test(fileName) ? readText(fileName) : undefined);
    return copied.get(fileName);
  }
  fromTsMorph ??= new Map(libFilesOfTsMorph().map((lib) => [lib.fileName, lib.text]));
  return fromTsMorph.get(fileName);
}

function readText(name: string): string | undefined {
  try {
    return readFileSync(path.join(LIB_DIR, name), 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes lib/ts-lib-files/, the lib files of this TypeScript version, one file each (`npm run build`). */
export async function writeLibFiles(): Promise<void> {
  await rm(LIB_DIR, { recursive: true, force: true });
  await mkdir(LIB_DIR, { recursive: true });
  await Promise.all(libFilesOfTsMorph().map((lib) => writeFile(path.join(LIB_DIR, lib.fileName), lib.text)));
  // Last: a copy cut short by a failure is not taken for a whole one.
  await writeFile(path.join(LIB_DIR, VERSION_FILE), ts.version);
}
