import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GenerateError } from '../errors.ts';
import type { ReferenceSource } from './source.ts';

/** Reads a mirror of a deployment root laid out as the URLs are. */
export function createDirSource(root: string): ReferenceSource {
  const absoluteRoot = path.resolve(root);
  const locate = (rootRelative: string): string => {
    const resolved = path.resolve(absoluteRoot, '.' + path.posix.normalize('/' + rootRelative));
    return path.relative(process.cwd(), resolved) || '.';
  };
  return {
    locate,
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
