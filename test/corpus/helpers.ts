// Helpers for the whole-corpus tests: where the shared reference snapshots are (never copied
// into the project), generating a package once per test file into a temp dir, importing its
// dist in-process, overlay sources for synthetic variations, and the model stage on its own.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate, type GenerateOptions } from '../../generator/generate.ts';
import { createDirSource } from '../../generator/load/dir-source.ts';
import { loadInput } from '../../generator/load/load.ts';
import type { ReferenceSource } from '../../generator/load/source.ts';
import { buildModel, type PackageModel } from '../../generator/model/model.ts';
import { validateReferences } from '../../generator/validate/validate.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const VERSIONS = ['v87.1.3', 'v44.0.0'] as const;
export type Version = (typeof VERSIONS)[number];

/** ../shared/taskcluster-references/<version>, resolved from the repo root. */
export function snapshotDir(version: Version): string {
  return path.resolve(ROOT, '..', 'shared', 'taskcluster-references', version);
}

/** `false` when the snapshot is there, else the reason to skip (for `test(name, { skip }, …)`). */
export function skipUnlessSnapshot(version: Version): string | false {
  const dir = snapshotDir(version);
  return existsSync(path.join(dir, 'references', 'manifest.json')) ? false : `reference snapshot ${version} not found at ${dir} (../shared missing): skipped`;
}

export interface Generated {
  out: string;
  files: string[];
  cleanup(): Promise<void>;
}

/**
 * Generates a package into a fresh temp dir. With `linkDependencies`, `node_modules/undici`
 * and `node_modules/amqplib` are linked to tcgen's own afterwards, so that plain `node` can import the dist.
 */
export async function generateInto(options: GenerateOptions, linkDependencies = true): Promise<Generated> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'tcgen-corpus-'));
  const out = path.join(scratch, 'pkg');
  const { files } = await generate({ ...options, out });
  if (linkDependencies) {
    await mkdir(path.join(out, 'node_modules'), { recursive: true });
    await symlink(path.join(ROOT, 'node_modules', 'undici'), path.join(out, 'node_modules', 'undici'), 'dir');
    await symlink(path.join(ROOT, 'node_modules', 'amqplib'), path.join(out, 'node_modules', 'amqplib'), 'dir');
  }
  return { out, files, cleanup: () => rm(scratch, { recursive: true, force: true }) };
}

/** The generated package's `dist/index.js`, imported in this process (no tsx involved: it is plain JS). */
export async function importDist(out: string, subpath = 'index.js'): Promise<Record<string, any>> {
  return (await import(pathToFileURL(path.join(out, 'dist', subpath)).href)) as Record<string, any>;
}

/** taskcluster-client 87.1.3: its classes and the references it embeds (apis.js). */
export async function officialClient(): Promise<{ tc: Record<string, any>; apis: Record<string, { reference: any }> }> {
  const tc = (await import('taskcluster-client' as string)).default as Record<string, any>;
  const apis = (await import('taskcluster-client/src/apis.js' as string)).default as Record<string, { reference: any }>;
  return { tc, apis };
}

/** A source that serves `files` (root-relative path → JSON value or text) over `base`, or alone. */
export function overlaySource(files: Record<string, unknown>, base?: ReferenceSource): ReferenceSource {
  const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return {
    locate: (p) => (p in files ? `overlay:${p}` : base ? base.locate(p) : `overlay:${p}`),
    async readText(p) {
      if (p in files) return text(files[p]);
      if (base) return base.readText(p);
      const { GenerateError } = await import('../../generator/errors.ts');
      throw new GenerateError([{ location: `overlay:${p}`, pointer: '', message: 'file not found' }]);
    },
  };
}

export const dirSource = (version: Version): ReferenceSource => createDirSource(snapshotDir(version));

/** The load → validate → model stages only (fast: no rendering, emitting or formatting). */
export async function modelOf(source: ReferenceSource): Promise<PackageModel> {
  const input = await loadInput(source);
  return buildModel(validateReferences(input), input);
}

/** Every exported type name of every service, as the model names them. */
export function typeNames(model: PackageModel): Record<string, string[]> {
  return Object.fromEntries(model.services.map((s) => [s.serviceName, s.types.map((t) => t.name).sort()]));
}

/** Declarations without their TSDoc blocks: the schema docs sit between members, and shape tests match the members. */
export function withoutDocComments(declarations: string): string {
  return declarations.replace(/\/\*\*(?:[^*]|\*(?!\/))*\*\//g, '');
}
