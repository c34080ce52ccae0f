import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDirSource } from './load/dir-source.ts';
import { loadInput, type LoadedInput } from './load/load.ts';
import type { HttpSourceOptions } from './load/http-source.ts';
import type { ReferenceSource } from './load/source.ts';
import type { EmitThread } from './emit/emit-thread.ts';
import { libraryVersions, loadRuntimeBuild, runtimeDeclarations, type RuntimeBuild } from './emit/runtime-build.ts';
import { diffSnapshots, type DiffReport } from './diff/diff.ts';
import { snapshotModel, stampedSnapshot, type ModelSnapshot } from './diff/snapshot.ts';
import { differingFiles, listFiles, readStamp, sha256, STAMP_FILE, stampText, writeAtomically } from './write/write.ts';

export interface GenerateOptions {
  /** A mirror of a deployment root (default `references`). */
  references?: string;
  /** A deployment root URL to download from instead. */
  rootUrl?: string;
  /** Retries, timeouts and concurrency of the download from `rootUrl`. */
  http?: HttpSourceOptions;
  /** Where the package goes (default `generated`). */
  out?: string;
  /** Write nothing; report the files that differ from what would be generated. */
  check?: boolean;
  packageName?: string;
  packageVersion?: string;
  /** A source of your own (tests, caches); overrides `references` and `rootUrl`. */
  source?: ReferenceSource;
  /** Use the runtime output prebuilt by `npm run build` when it matches the runtime sources (default true); false compiles the runtime in this run. */
  prebuiltRuntime?: boolean;
  /** Called once per finished stage with its duration. */
  onStage?: (stage: string, milliseconds: number) => void;
  /** Also compare the new model with the one recorded in the stamp of the output it replaces (result `diff`). */
  diff?: boolean;
}

export interface GenerateResult {
  /** Files written, or with `check` the files that differ; relative to `out`. */
  files: string[];
  /** True when the output was already up to date and nothing was done after loading. */
  unchanged: boolean;
  /** With `diff`: the changes since the output replaced (none when up to date); undefined when its stamp records no model. */
  diff?: DiffReport;
}

const GENERATOR_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The libraries whose versions shape the output; a new version invalidates every stamp too. */
const OUTPUT_LIBRARIES = ['json-schema-to-typescript', 'handlebars', 'ts-morph', '@ts-morph/common', 'prettier'];

/** A hash of tcgen's own code and templates and of its output libraries' versions: a new generator invalidates every stamp. */
async function generatorHash(): Promise<string> {
  const versions = libraryVersions(OUTPUT_LIBRARIES);
  const files = [...(await listFiles(path.join(GENERATOR_ROOT, 'generator'))).map((f) => `generator/${f}`), ...(await listFiles(path.join(GENERATOR_ROOT, 'templates'))).map((f) => `templates/${f}`)];
  const texts = await Promise.all(files.map(async (file) => `${file}\n${sha256(await readFile(path.join(GENERATOR_ROOT, file)))}`));
  return sha256([...versions, ...texts].join('\n'));
}

function inputHash(input: LoadedInput, generator: string, options: GenerateOptions): string {
  const documents = [input.manifest, ...input.references, ...input.schemas.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  const parts = [generator, options.packageName ?? '', options.packageVersion ?? '', ...documents.map((d) => `${d.path}\n${sha256(d.text)}`)];
  return sha256(parts.join('\n'));
}

async function isUpToDate(out: string, hash: string): Promise<boolean> {
  const stamp = await readStamp(out);
  if (stamp?.inputHash !== hash) return false;
  const present = await listFiles(out);
  const expected = [STAMP_FILE, ...Object.keys(stamp.files)].sort();
  if (present.join('\n') !== expected.join('\n')) return false;
  const checks = await Promise.all(Object.entries(stamp.files).map(async ([file, digest]) => sha256(await readFile(path.join(out, file))) === digest));
  return checks.every(Boolean);
}

async function timed<T>(stage: string, options: GenerateOptions, work: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const result = await work();
  options.onStage?.(stage, performance.now() - start);
  return result;
}

/** The source `generate` reads: `options.source`, else the root URL, else the mirror directory (default `references`). */
export async function openSource(options: GenerateOptions): Promise<ReferenceSource> {
  if (options.source) return options.source;
  if (options.rootUrl !== undefined) {
    const { createHttpSource } = await import('./load/http-source.ts');
    return createHttpSource(options.rootUrl, options.http);
  }
  return createDirSource(options.references ?? 'references');
}

/**
 * Reads a reference (directory or root URL) and writes the generated client package,
 * or with `check` reports the files of `out` that differ from it. Throws GenerateError.
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const out = options.out ?? 'generated';
  const source = await openSource(options);
  let input: LoadedInput;
  try {
    input = await timed('load', options, () => loadInput(source));
  } finally {
    await source.close?.();
  }
  const hash = inputHash(input, await generatorHash(), options);
  if (await isUpToDate(out, hash)) return { files: [], unchanged: true, ...(options.diff && { diff: { verdict: 'none', changes: [] } }) };
  // Heavy stages (handlebars, json-schema-to-typescript, TypeScript, prettier) load only
  // once the output is known to be stale, so that a no-op run stays cheap. TypeScript
  // loads on its own thread, started first, while this one models and renders.
  const { runtimeFiles } = await import('./render/runtime-files.ts');
  const runtime = await runtimeFiles();
  const runtimeBuild = options.prebuiltRuntime === false ? undefined : await loadRuntimeBuild(runtime);
  const { startEmitThread } = await import('./emit/emit-thread.ts');
  const emitThread = startEmitThread(runtimeBuild && runtimeDeclarations(runtimeBuild));
  try {
    return await generateStale(options, out, input, hash, { runtime, runtimeBuild, emitThread });
  } finally {
    await emitThread.close();
  }
}

/** The changes from the model recorded in `out`'s stamp to `snapshot`; undefined when the stamp records none. */
async function diffWithStamp(out: string, snapshot: ModelSnapshot): Promise<DiffReport | undefined> {
  const before = stampedSnapshot((await readStamp(out))?.model);
  return before && diffSnapshots(before, snapshot);
}

interface EmitSetup {
  runtime: Map<string, string>;
  /** The runtime's prebuilt output, when it matches `runtime`; the worker compiles the runtime otherwise. */
  runtimeBuild: RuntimeBuild | undefined;
  emitThread: EmitThread;
}

async function generateStale(options: GenerateOptions, out: string, input: LoadedInput, hash: string, { runtime, runtimeBuild, emitThread }: EmitSetup): Promise<GenerateResult> {
  const { validateReferences } = await import('./validate/validate.ts');
  const { buildModel } = await import('./model/model.ts');
  const { renderPackage, renderTypes } = await import('./render/render.ts');
  const references = await timed('validate', options, () => validateReferences(input));
  const model = await timed('model', options, () => buildModel(references, input));
  const packageName = options.packageName ?? '@tcgen/taskcluster-client';
  const types = await timed('types', options, () => renderTypes(model));
  const sources = await timed('render', options, () => renderPackage(model, { packageName, packageVersion: options.packageVersion ?? '0.0.0' }, types, runtime));
  // The TypeScript sources are only the compiler's input: the package ships what it emits
  // (.js beside .d.ts), so prettier formats the emitted files and the rest, each once.
  // While the worker type-checks, this thread formats the rest and warms prettier's parser;
  // then it formats the JavaScript while the worker formats the declarations.
  const emitted = emitThread.emit(sources);
  const { formatFiles, warmFormatter } = await import('./format/format.ts');
  const others = await formatFiles(new Map([...sources].filter(([file]) => !file.startsWith('src/'))));
  await warmFormatter(sources.get('src/index.ts') ?? '');
  const javascript = await timed('emit', options, () => emitted.javascript);
  const formatted = await timed('format', options, async () => {
    const [code, declarations] = await Promise.all([formatFiles(javascript), emitted.formattedDeclarations]);
    return new Map([...code, ...declarations]);
  });
  // The prebuilt runtime output is already formatted, by the same function with the same options.
  const files = new Map([...others, ...formatted, ...Object.entries(runtimeBuild?.files ?? {})]);
  const snapshot = snapshotModel(model);
  files.set(STAMP_FILE, stampText(hash, files, snapshot));
  const diff = options.diff ? await diffWithStamp(out, snapshot) : undefined;
  if (options.check) return { files: await timed('check', options, () => differingFiles(out, files)), unchanged: false, ...(diff && { diff }) };
  await timed('write', options, () => writeAtomically(out, files));
  return { files: [...files.keys()].sort(), unchanged: false, ...(diff && { diff }) };
}
