// TypeScript as ts-morph bundles it (@ts-morph/common's `typescript.js`), loaded through require
// with a V8 code cache (../code-cache.ts): its 9 MB took ~1 s of each run to compile, and
// importing `ts-morph` from ESM parsed it twice more (format detection and the CommonJS export
// scan). TypeScript's lib .d.ts files, which ts-morph ships in memory inside its 3 MB helper
// module, are copied by `npm run build` into lib/ts-lib-files.json, so that a run reads 2.8 MB of
// JSON instead of loading that module (~0.12 s); a copy for another TypeScript version is ignored.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type * as TsMorphCommon from '@ts-morph/common';
import { requireWithCodeCache } from '../code-cache.ts';

type LibFile = { fileName: string; text: string };

/** The TypeScript compiler API (ts-morph's bundled copy). */
export const ts = requireWithCodeCache('@ts-morph/common/dist/typescript.js') as typeof TsMorphCommon.ts;

const LIB_FILES = fileURLToPath(new URL('../../lib/ts-lib-files.json', import.meta.url));

/** ts-morph's in-memory copies of TypeScript's lib files, from its helper module. */
const libFilesOfTsMorph = (): LibFile[] => (requireWithCodeCache('@ts-morph/common') as typeof TsMorphCommon).getLibFiles();

let libFiles: LibFile[] | undefined;

/** TypeScript's lib .d.ts files (name and text), as ts-morph's getLibFiles gives them. */
export function getLibFiles(): LibFile[] {
  if (libFiles === undefined) {
    try {
      const copy = JSON.parse(readFileSync(LIB_FILES, 'utf8')) as { version: string; files: LibFile[] };
      libFiles = copy.version === ts.version ? copy.files : libFilesOfTsMorph();
    } catch {
      libFiles = libFilesOfTsMorph(); // not built yet
    }
  }
  return libFiles;
}

/** Writes lib/ts-lib-files.json, the lib files for this TypeScript version (`npm run build`). */
export async function writeLibFiles(): Promise<void> {
  await writeFile(LIB_FILES, JSON.stringify({ version: ts.version, files: libFilesOfTsMorph() }));
}
