import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { GenerateError } from '../errors.ts';
import type { ReferenceSource } from './source.ts';

/**
 * Throws a GenerateError located at `root` as the caller typed it when it is no directory, or a
 * directory without `references/manifest.json`, so that the message names what was typed.
 */
export async function checkMirrorDir(root: string): Promise<void> {
  const problem = (message: string) => new GenerateError([{ location: root, pointer: '', message }]);
  const dir = await stat(root).catch(() => undefined);
  if (dir === undefined) throw problem('the references directory does not exist');
  if (!dir.isDirectory()) throw problem('is not a directory (expected a mirror of a deployment root)');
  const manifest = await stat(path.join(root, 'references', 'manifest.json')).catch(() => undefined);
  if (!manifest?.isFile()) throw problem('has no references/manifest.json (expected a mirror of a deployment root, as `tcgen fetch` writes)');
}

/**
 * Reads a mirror of a deployment root laid out as the URLs are. Files are located as `root` was
 * given: below a relative root as typed (`../mirror/references/…`), below an absolute one absolute,
 * never rewritten relative to another directory.
 */
export function createDirSource(root: string): ReferenceSource {
  const locate = (rootRelative: string): string => path.join(root, '.' + path.posix.normalize('/' + rootRelative));
  return {
    locate,
    async listSchemas() {
      const absoluteRoot = path.resolve(root);
      const entries = await readdir(path.join(absoluteRoot, 'schemas'), { recursive: true, withFileTypes: true }).catch(() => []);
      return entries
        .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
        .map((entry) => '/' + path.relative(absoluteRoot, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
        .sort();
    },
    async readText(rootRelative) {
      const file = locate(rootRelative);
      try {
        return await readFile(file, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(error)})`;
        throw new GenerateError([{ location: file, pointer: '', message: why }]);
      }
    },
  };
}
