import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GenerateError } from '../errors.ts';
import { MANIFEST_PATH } from './load.ts';

/**
 * Refuses an output directory we must not replace: anything but a missing
 * directory, an empty one, or an earlier mirror (references/manifest.json, and nothing beside
 * references/ and schemas/).
 */
export async function assertReplaceableMirror(out: string): Promise<void> {
  const refuse = (message: string): never => {
    throw new GenerateError([{ location: out, pointer: '', message }]);
  };
  const outStat = await stat(out).catch(() => undefined);
  if (outStat === undefined) return;
  if (!outStat.isDirectory()) refuse('exists and is not a directory');
  if ((await readdir(out)).length === 0) return;
  const manifest = await stat(mirrorFile(out, MANIFEST_PATH)).catch(() => undefined);
  if (!manifest?.isFile()) {
    refuse('refusing to overwrite a non-empty directory that is not a reference mirror (no references/manifest.json)');
  }
  // A mirror holds references/ and schemas/ only: anything beside them (notes, a .git) is somebody's, and would be lost.
  const others = (await readdir(out)).filter((entry) => entry !== 'references' && entry !== 'schemas').sort();
  if (others.length > 0) {
    throw new GenerateError(others.map((entry) => ({ location: path.join(out, entry), pointer: '', message: 'not part of a reference mirror, and the mirror is replaced whole: remove it, or choose another --out' })));
  }
}

/**
 * Writes `files` (root-relative path → bytes) into a temporary directory
 * beside `out`, then swaps it into place, so `out` is never half-written.
 */
export async function writeMirrorAtomically(out: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  await assertReplaceableMirror(out);
  const parent = path.dirname(path.resolve(out));
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(path.join(parent, `.${path.basename(out)}.partial-`));
  try {
    for (const [rootRelative, bytes] of files) {
      const file = mirrorFile(staging, rootRelative);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, bytes);
    }
    await swapIntoPlace(staging, out);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function swapIntoPlace(staging: string, out: string): Promise<void> {
  const previous = `${path.resolve(out)}.previous-${randomBytes(4).toString('hex')}`;
  const existed = await rename(out, previous).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  try {
    await rename(staging, out);
  } catch (error) {
    if (existed) await rename(previous, out); // put the old mirror back rather than leave nothing
    throw error;
  }
  if (existed) await rm(previous, { recursive: true, force: true });
}

/** The file for a root-relative URL path; URL parsing already removed "." and ".." segments, this re-checks. */
function mirrorFile(root: string, rootRelative: string): string {
  const segments = rootRelative.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..' || segment.includes('\\'))) {
    throw new GenerateError([{ location: rootRelative, pointer: '', message: 'path cannot be mirrored to a file' }]);
  }
  return path.join(root, ...segments);
}
