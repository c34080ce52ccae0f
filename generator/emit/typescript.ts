// TypeScript as ts-morph bundles it (@ts-morph/common: its `ts` and `getLibFiles`), loaded
// through require with a V8 code cache (../code-cache.ts). Its 9 MB `typescript.js` took ~1 s of
// each run to compile, and importing `ts-morph` from ESM parsed it twice more (format detection
// and the CommonJS export scan).
import { createRequire } from 'node:module';
import type * as TsMorphCommon from '@ts-morph/common';
import { requireWithCodeCache } from '../code-cache.ts';

const require = createRequire(import.meta.url);

function loadTsMorphCommon(): typeof TsMorphCommon {
  // The two big files: TypeScript itself, and ts-morph's helpers with the lib .d.ts texts.
  for (const specifier of ['@ts-morph/common/dist/typescript.js', '@ts-morph/common/dist/ts-morph-common.js']) requireWithCodeCache(specifier);
  return require('@ts-morph/common') as typeof TsMorphCommon;
}

const common = loadTsMorphCommon();
/** The TypeScript compiler API (ts-morph's bundled copy). */
export const ts: typeof TsMorphCommon.ts = common.ts;
/** TypeScript's lib .d.ts files, which ts-morph ships in memory. */
export const getLibFiles: typeof TsMorphCommon.getLibFiles = common.getLibFiles;
