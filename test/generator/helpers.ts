import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from '../../generator/write/write.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EMBEDDED_REFERENCES = path.join(REPO_ROOT, 'references');
export const COMMITTED_OUTPUT = path.join(REPO_ROOT, 'generated');

/** A fresh temporary directory, removed by the returned cleanup. */
export async function temporaryDir(prefix = 'tcgen-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Copies a directory tree (e.g. the embedded references) to `target`. */
export async function copyTree(source: string, target: string): Promise<void> {
  await cp(source, target, { recursive: true });
}

/** Every file below `dir` with its bytes, for byte-for-byte comparison of two trees. */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const files = await listFiles(dir);
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(path.join(dir, file))] as const)));
}
