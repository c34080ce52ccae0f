import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GenerateError } from '../errors.ts';
import type { NameLock } from '../model/names.ts';

/** Written into every output directory: what tcgen made there, and from which inputs. */
export const STAMP_FILE = '.tcgen.json';

export interface Stamp {
  inputHash: string;
  files: Record<string, string>;
  /** The name lock: service → schema location → type name (see generator/model/names.ts). */
  types?: NameLock;
  /** The model the output was made from (a ModelSnapshot, generator/diff/snapshot.ts), for `generate --diff`. */
  model?: unknown;
  /** Service → hash of what its module was made from (service-stamps.ts), for incremental runs. */
  services?: Record<string, string>;
  /** Shipped file → hash of the text prettier formatted into it (service-stamps.ts), for incremental runs. */
  sources?: Record<string, string>;
}

export const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

export function stampText(inputHash: string, files: Map<string, string>, types: NameLock = {}, model?: unknown, incremental: Pick<Stamp, 'services' | 'sources'> = {}): string {
  const hashes = Object.fromEntries([...files.keys()].sort().map((file) => [file, sha256(files.get(file)!)]));
  return serializeStamp({ inputHash, files: hashes, types, ...incremental, ...(model !== undefined && { model }) });
}

/**
 * A stamp's text as tcgen writes it; for a stamp read back, the text it was read from unless
 * someone edited or reformatted it.
 */
export function serializeStamp({ model, ...stamp }: Stamp): string {
  const text = JSON.stringify({ inputHash: stamp.inputHash, files: stamp.files, types: stamp.types, services: stamp.services, sources: stamp.sources } satisfies Stamp, null, 2);
  // The model on one line: a fifth of its indented size, and one line of a version-control diff.
  return (model === undefined ? text : `${text.slice(0, -2)},\n  "model": ${JSON.stringify(model)}\n}`) + '\n';
}

/** Every file below `dir`, as sorted '/'-separated relative paths; [] when `dir` does not exist. */
export async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() || entry.isSymbolicLink())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The stamp in `outDir` and the text it was read from; undefined when there is none, or it is not one. */
export async function readStampFile(outDir: string, file: string = STAMP_FILE): Promise<{ stamp: Stamp; text: string } | undefined> {
  try {
    const text = await readFile(path.join(outDir, file), 'utf8');
    const stamp = JSON.parse(text) as Stamp;
    return typeof stamp.inputHash === 'string' && stamp.files !== null && typeof stamp.files === 'object' ? { stamp, text } : undefined;
  } catch {
    return undefined;
  }
}

export async function readStamp(outDir: string, file: string = STAMP_FILE): Promise<Stamp | undefined> {
  return (await readStampFile(outDir, file))?.stamp;
}

/**
 * The paths whose content on disk differs from `files` (missing, changed, or made by tcgen but no
 * longer generated). Throws the GenerateError `writeAtomically` would throw for files tcgen did not
 * make there, so that `--check` and `generate` give the same answer about them.
 */
export async function differingFiles(outDir: string, files: Map<string, string>): Promise<string[]> {
  await refuseForeignFiles(outDir);
  const onDisk = await listFiles(outDir);
  const differing = new Set(onDisk.filter((file) => !files.has(file)));
  await Promise.all(
    [...files].map(async ([file, text]) => {
      const current = await readFile(path.join(outDir, file), 'utf8').catch(() => undefined);
      if (current !== text) differing.add(file);
    }),
  );
  return [...differing].sort();
}

/** Files in `outDir` that tcgen did not make there: the write refuses to replace them. */
async function foreignFiles(outDir: string): Promise<string[]> {
  const present = await listFiles(outDir);
  if (present.length === 0) return [];
  const stamp = await readStamp(outDir);
  const ours = new Set([STAMP_FILE, ...Object.keys(stamp?.files ?? {})]);
  return present.filter((file) => !ours.has(file));
}

/** What tcgen says of a file in the output directory it did not make, whether writing or checking. */
export const FOREIGN_FILE_MESSAGE = 'not made by tcgen, and the output directory is replaced whole: remove this file, or choose another --out';

/** Throws a GenerateError naming each file of `outDir` (as given) that tcgen did not make there. */
async function refuseForeignFiles(outDir: string): Promise<void> {
  const foreign = await foreignFiles(outDir).catch((error: unknown) => {
    throw cannotWrite(outDir, error);
  });
  if (foreign.length === 0) return;
  // A whole tree without a stamp (another tool's output, or a deleted .tcgen.json): one line, not one per file.
  if (foreign.length > MOST_FOREIGN_FILES_LISTED && (await readStamp(outDir)) === undefined) {
    const some = foreign.slice(0, 3).join(', ');
    throw new GenerateError([{ location: outDir, pointer: '', message: `holds ${foreign.length} files (${some}, …) and no ${STAMP_FILE}: ${FOREIGN_FILE_MESSAGE.replace('this file', 'them')}` }]);
  }
  throw new GenerateError(foreign.map((file) => ({ location: path.join(outDir, file), pointer: '', message: FOREIGN_FILE_MESSAGE })));
}

/** Above this many files tcgen did not make, in a directory without a stamp, they are summed up in one problem. */
const MOST_FOREIGN_FILES_LISTED = 10;

/** The file-system calls `writeAtomically` makes that can fail halfway; tests replace them to inject failures. */
export interface WriteOperations {
  writeFile(file: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

const NODE_OPERATIONS: WriteOperations = { writeFile: (file, text) => writeFile(file, text), rename };

/**
 * Writes `files` into a temporary directory beside `outDir`, then swaps it in with renames:
 * a failure at any point leaves the previous output as it was, and no temporary directory.
 * Throws GenerateError: for files tcgen did not make in `outDir`, or naming the error code of a failed write.
 */
export async function writeAtomically(outDir: string, files: Map<string, string>, operations: WriteOperations = NODE_OPERATIONS): Promise<void> {
  // '' would be the current directory: never replaced whole.
  if (outDir === '') throw new GenerateError([{ location: '--out', pointer: '', message: 'needs a path, got an empty string' }]);
  // A link to the output directory stays a link: the directory it points to is replaced.
  const target = await realpath(path.resolve(outDir)).catch(() => path.resolve(outDir));
  await refuseForeignFiles(outDir);
  const { writeFile, rename } = operations;
  const suffix = randomBytes(6).toString('hex');
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.tcgen-tmp-${suffix}`);
  const previous = path.join(path.dirname(target), `.${path.basename(target)}.tcgen-old-${suffix}`);
  try {
    // The files are written all at once (one at a time, v87.1.3's 145 took ~90 ms); every write
    // is settled before a failure is reported, so that the clean-up below races none of them.
    for (const dir of new Set([...files.keys()].map((file) => path.dirname(path.join(temporary, file))))) await mkdir(dir, { recursive: true });
    const writes = await Promise.allSettled([...files].map(([file, text]) => writeFile(path.join(temporary, file), text)));
    const failed = writes.find((write) => write.status === 'rejected');
    if (failed) throw failed.reason;
    const exists = await stat(target).then(() => true, () => false);
    if (exists) await rename(target, previous);
    try {
      await rename(temporary, target);
    } catch (error) {
      if (exists) await rename(previous, target);
      throw error;
    }
    if (exists) await rm(previous, { recursive: true, force: true });
  } catch (error) {
    // Cleaning up must not hide why the write failed (it may fail for the same reason).
    await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    throw cannotWrite(outDir, error);
  }
}

function cannotWrite(outDir: string, error: unknown): GenerateError {
  if (error instanceof GenerateError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new GenerateError([{ location: outDir, pointer: '', message: `cannot write the output directory (${code})` }]);
}
