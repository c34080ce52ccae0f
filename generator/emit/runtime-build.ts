import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../write/write.ts';

/**
 * The runtime is the same in every package, so its type-check, emit and formatting are done
 * once, when tcgen is built (`npm run build`), not on every run. A run uses the build only
 * when it was made from the same runtime sources, by the same emit and format code and
 * library versions; otherwise it compiles the runtime itself, with the same functions
 * (build-runtime.ts makes the build; this module only reads it, and loads nothing heavy).
 */
export interface RuntimeBuild {
  sourceHash: string;
  /** `dist/runtime/<name>.js` and `.d.ts`, formatted: exactly what a package ships. */
  files: Record<string, string>;
}

export const RUNTIME_BUILD_FILE = fileURLToPath(new URL('../../lib/runtime-build.json', import.meta.url));
const SHAPING_SOURCES = ['../../generator/emit/emit.ts', '../../generator/format/format.ts', '../../generator/format/union-layout.ts'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));
const SHAPING_LIBRARIES = ['ts-morph', '@ts-morph/common', 'oxfmt', 'prettier'];

/** "name@version" of each installed library, for hashes of what shapes the output. */
export function libraryVersions(names: readonly string[]): string[] {
  const require = createRequire(import.meta.url);
  return names.map((name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`);
}

/** What the runtime's build depends on: its sources, the code that compiles and formats it, and those libraries' versions. */
export async function runtimeSourceHash(runtime: Map<string, string>): Promise<string> {
  const versions = libraryVersions(SHAPING_LIBRARIES);
  const code = await Promise.all(SHAPING_SOURCES.map((file) => readFile(file, 'utf8')));
  return sha256([...versions, ...code.map(sha256), ...[...runtime].map(([file, text]) => `${file}\n${sha256(text)}`)].join('\n'));
}

/** The prebuilt runtime, when there is one made from exactly these sources; undefined otherwise. */
export async function loadRuntimeBuild(runtime: Map<string, string>): Promise<RuntimeBuild | undefined> {
  const text = await readFile(RUNTIME_BUILD_FILE, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const build = JSON.parse(text) as RuntimeBuild;
  return build.sourceHash === (await runtimeSourceHash(runtime)) ? build : undefined;
}

/** The runtime's declarations as sources beside the package's (`src/runtime/<name>.d.ts`), for emitAgainstRuntimeDeclarations. */
export function runtimeDeclarations(build: RuntimeBuild): Map<string, string> {
  return new Map(
    Object.entries(build.files)
      .filter(([file]) => file.endsWith('.d.ts'))
      .map(([file, text]) => [file.replace(/^dist\//, 'src/'), text]),
  );
}
