import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
export const RUNTIME_DIR = path.join(TEMPLATES_DIR, 'runtime');

/** The runtime's files as package sources (`src/runtime/<name>.ts`), copied verbatim; tests stay behind. */
export async function runtimeFiles(): Promise<Map<string, string>> {
  const names = (await readdir(RUNTIME_DIR)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts')).sort();
  return new Map(await Promise.all(names.map(async (name): Promise<[string, string]> => [`src/runtime/${name}`, await readFile(path.join(RUNTIME_DIR, name), 'utf8')])));
}
