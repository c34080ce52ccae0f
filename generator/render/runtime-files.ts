import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
export const RUNTIME_DIR = path.join(TEMPLATES_DIR, 'runtime');

/**
 * The runtime's files as package sources (`src/runtime/<name>.ts`), copied verbatim; tests stay
 * behind. With them `src/runtime/package.json`, whose `imports` pick each platform module
 * (`#runtime/transport`, …) by condition: the compiler resolves them through it, and the
 * package's own package.json carries them over to dist/ (packageImports).
 */
export async function runtimeFiles(): Promise<Map<string, string>> {
  const names = (await readdir(RUNTIME_DIR)).filter((name) => (name.endsWith('.ts') && !name.endsWith('.test.ts')) || name === 'package.json').sort();
  return new Map(await Promise.all(names.map(async (name): Promise<[string, string]> => [`src/runtime/${name}`, await readFile(path.join(RUNTIME_DIR, name), 'utf8')])));
}

type Conditions = { [condition: string]: string | Conditions };

/**
 * The package.json `imports` of a generated package: the runtime's (`src/runtime/package.json`
 * in `runtime`), each target `./<name>.ts` becoming `./dist/runtime/<name>.js`, conditions in
 * their order (the first that matches wins: `browser` before `node` before `default`).
 */
export function packageImports(runtime: Map<string, string>): Record<string, Conditions> {
  const manifest = JSON.parse(runtime.get('src/runtime/package.json') ?? '{}') as { imports?: Record<string, Conditions> };
  const toDist = (target: string | Conditions): string | Conditions =>
    typeof target === 'string'
      ? target.replace(/^\.\/(.*)\.ts$/, './dist/runtime/$1.js')
      : Object.fromEntries(Object.entries(target).map(([condition, inner]) => [condition, toDist(inner)]));
  return Object.fromEntries(Object.entries(manifest.imports ?? {}).map(([specifier, target]) => [specifier, toDist(target) as Conditions]));
}
