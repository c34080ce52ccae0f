import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GenerateError } from './errors.ts';
import type { LoadedInput } from './load/load.ts';
import { loadReference, reportAllProblems, type SourceOptions } from './reference-input.ts';
import type { EmitThread } from './emit/emit-thread.ts';
import { libraryVersions, loadRuntimeBuild, runtimeDeclarations, type RuntimeBuild } from './emit/runtime-build.ts';
import { DEFAULT_PACKAGE_NAME, DEFAULT_PACKAGE_VERSION, packageNameProblem, packageVersionProblem } from './render/package-identity.ts';
import { diffSnapshots, type DiffReport } from './diff/diff.ts';
import { snapshotModel, stampedSnapshot, type ModelSnapshot } from './diff/snapshot.ts';
import { differingFiles, listFiles, readStamp, readStampFile, serializeStamp, sha256, STAMP_FILE, stampText, writeAtomically, type Stamp } from './write/write.ts';
import { moduleHashes, reusableFormatted, reusableModules, sourceHashes, stampedModuleFiles } from './write/service-stamps.ts';
import { canonicalNameLock, readNameLock, stampLocation } from './write/name-lock.ts';
import type { NameLock } from './model/names.ts';
import { WORKERS_MODULE } from './model/module-names.ts';

/** Where the reference comes from (SourceOptions: `references`, `rootUrl`, `http`, `source`), and what to make of it. */
export interface GenerateOptions extends SourceOptions {
  /**
   * The deployment root URL the types' `@see` schema links point to (e.g. the deployment a
   * `references` mirror was fetched from). Default: `rootUrl`; without either, links are root-relative.
   */
  docsRootUrl?: string;
  /** Where the package goes (default `generated`). */
  out?: string;
  /**
   * The name lock to keep: another output's `.tcgen.json` (or its directory), such as the last
   * published package's. Default: the lock of `out`'s own stamp, when there is one.
   */
  names?: string;
  /** Write nothing; report the files that differ from what would be generated. */
  check?: boolean;
  /** The generated package's npm name (default `@tcgen/taskcluster-client`). */
  packageName?: string;
  /** Its version, a semantic version (default `0.0.0`): in package.json and the User-Agent the client sends. */
  packageVersion?: string;
  /** Also write the `npm pack` tarball of `out` into this directory (not with `check`). */
  packDestination?: string;
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
  /** The tarball written for `packDestination`. */
  tarball?: string;
  /**
   * The modules this run made anew (sorted): services, and `workers` (the worker payload types);
   * the others were kept from `out`, made there from the same inputs (see write/service-stamps.ts).
   * Undefined when `unchanged`.
   */
  rebuilt?: string[];
  /** The modules (services, and `workers`) kept from `out` as they were (sorted). Undefined when `unchanged`. */
  kept?: string[];
  /** With `diff`: the changes since the output replaced (none when up to date); undefined when its stamp records no model. */
  diff?: DiffReport;
}

const GENERATOR_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The libraries whose versions shape the output; a new version invalidates every stamp too. */
const OUTPUT_LIBRARIES = ['json-schema-to-typescript', 'handlebars', 'ts-morph', '@ts-morph/common', 'oxfmt', 'prettier'];

/** A hash of tcgen's own code and templates and of its output libraries' versions: a new generator invalidates every stamp. */
async function generatorHash(): Promise<string> {
  const versions = libraryVersions(OUTPUT_LIBRARIES);
  const files = [...(await listFiles(path.join(GENERATOR_ROOT, 'generator'))).map((f) => `generator/${f}`), ...(await listFiles(path.join(GENERATOR_ROOT, 'templates'))).map((f) => `templates/${f}`)];
  const texts = await Promise.all(files.map(async (file) => `${file}\n${sha256(await readFile(path.join(GENERATOR_ROOT, file)))}`));
  return sha256([...versions, ...texts].join('\n'));
}

/** Where the `@see` schema links point: `docsRootUrl`, else the `rootUrl` downloaded from, else nowhere (root-relative). */
const docsRootUrlOf = (options: GenerateOptions): string | undefined => options.docsRootUrl ?? options.rootUrl;

function inputHash(input: LoadedInput, generator: string, options: GenerateOptions): string {
  const documents = [input.manifest, ...input.references, ...input.schemas.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  // The root URL shapes the output too: the schema links in the TSDoc are absolute under it.
  const parts = [generator, options.packageName ?? '', options.packageVersion ?? '', docsRootUrlOf(options) ?? '', ...documents.map((d) => `${d.path}\n${sha256(d.text)}`)];
  return sha256(parts.join('\n'));
}

/**
 * The stamp's inputHash also covers what else it records: the names, so that an edited lock (a
 * name reset on purpose) makes the output stale, while regenerating with the lock the output
 * itself recorded stays a no-op (that lock names every schema as it was); and the per-module
 * hashes, the formatted sources' hashes and the model, so that a stamp edited by hand is not
 * taken for the one a run writes (the stamp ships in the package).
 */
const stampHash = (hash: string, stamp: Pick<Stamp, 'types' | 'services' | 'sources' | 'model'>): string =>
  sha256([hash, canonicalNameLock(stamp.types ?? {}), JSON.stringify([stamp.services ?? null, stamp.sources ?? null, stamp.model ?? null])].join('\n'));

/**
 * Whether `out` already holds what this run would write. With `--names`, also whether `out`
 * kept every name of that lock whose schema it still has: the lock file itself is not part of
 * the hash, so that `--check` without `--names` agrees with an output made with it.
 */
async function isUpToDate(out: string, read: Awaited<ReturnType<typeof readStampFile>>, hash: string, namesFile: NameLock | undefined): Promise<boolean> {
  if (read === undefined) return false;
  const { stamp, text } = read;
  // Its text must be the one a run writes (not reformatted, no key reordered).
  if (stamp.inputHash !== stampHash(hash, stamp) || text !== serializeStamp(stamp)) return false;
  for (const [service, names] of Object.entries(namesFile ?? {})) {
    const kept = stamp.types?.[service] ?? {};
    if (Object.entries(names).some(([location, name]) => Object.hasOwn(kept, location) && kept[location] !== name)) return false;
  }
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

/**
 * Reads a reference (directory or root URL) and writes the generated client package,
 * or with `check` reports the files of `out` that differ from it. Throws GenerateError.
 */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const result = await generatePackage(options);
  if (options.packDestination === undefined || options.check) return result;
  const { packPackage } = await import('./write/pack.ts');
  return { ...result, tarball: await packPackage(options.out ?? 'generated', options.packDestination) };
}

/** Throws a TypeError when the package's name or version is not one npm accepts. */
function checkPackageIdentity(options: GenerateOptions): void {
  const problem =
    (options.packageName === undefined ? undefined : packageNameProblem(options.packageName)) ??
    (options.packageVersion === undefined ? undefined : packageVersionProblem(options.packageVersion));
  if (problem !== undefined) throw new TypeError(problem);
}

async function generatePackage(options: GenerateOptions): Promise<GenerateResult> {
  checkPackageIdentity(options);
  // '' would be the current directory, whose files the write replaces: refused before anything runs.
  if (options.out === '') throw new GenerateError([{ location: 'out', pointer: '', message: 'needs a path, got an empty string' }]);
  const out = options.out ?? 'generated';
  const input = await timed('load', options, () => loadReference(options));
  // Names recorded by an earlier output are kept: those of --names, else those of `out` itself.
  const namesFile = options.names === undefined ? undefined : await readNameLock(options.names, true);
  const lock = namesFile ?? (await readNameLock(path.join(out, STAMP_FILE), false));
  const generator = await generatorHash();
  const hash = inputHash(input, generator, options);
  // Read once: whether the output is up to date, what it keeps, and what --diff compares with.
  const stamped = await readStampFile(out);
  if (await isUpToDate(out, stamped, hash, namesFile)) return { files: [], unchanged: true, ...(options.diff && { diff: { verdict: 'none', changes: [] } }) };
  // Heavy stages (handlebars, json-schema-to-typescript, TypeScript, the formatter) load only once the
  // output is known to be stale, so that a no-op run stays cheap. TypeScript loads on its own
  // thread, started first, while this one models and renders. (Started before the input was read,
  // it cost a no-op run of v87.1.3 0.13 s, 0.28 → 0.41 s, and a cold run gained nothing measurable:
  // the thread then waited for the rendered package.)
  const { runtimeFiles } = await import('./render/runtime-files.ts');
  const runtime = await runtimeFiles();
  const runtimeBuild = options.prebuiltRuntime === false ? undefined : await loadRuntimeBuild(runtime);
  const { startEmitThread } = await import('./emit/emit-thread.ts');
  const emitThread = startEmitThread(runtimeBuild && runtimeDeclarations(runtimeBuild));
  try {
    return await generateStale(options, out, input, { hash, generator, lock, previous: stamped?.stamp }, { runtime, runtimeBuild, emitThread });
  } finally {
    await emitThread.close();
  }
}

/**
 * The changes from the model recorded in `out`'s stamp (`previous`) to `snapshot`; when it records none (a
 * fresh directory) and `names` is given, from the model in that stamp (the last published
 * package's `.tcgen.json`, file or directory). Undefined when neither records a model.
 */
async function diffWithStamp(previous: Stamp | undefined, snapshot: ModelSnapshot, names: string | undefined): Promise<DiffReport | undefined> {
  let before = stampedSnapshot(previous?.model);
  if (before === undefined && names !== undefined) {
    const location = await stampLocation(names);
    before = stampedSnapshot((await readStamp(path.dirname(location), path.basename(location)))?.model);
  }
  return before && diffSnapshots(before, snapshot);
}

interface Hashes {
  /** inputHash: of the whole input (a no-op when it is the stamp's). */
  hash: string;
  /** generatorHash: tcgen's own code and libraries. */
  generator: string;
  lock: NameLock;
  /** The stamp `out` holds, if any. */
  previous: Stamp | undefined;
}

interface EmitSetup {
  runtime: Map<string, string>;
  /** The runtime's prebuilt output, when it matches `runtime`; the worker compiles the runtime otherwise. */
  runtimeBuild: RuntimeBuild | undefined;
  emitThread: EmitThread;
}

async function generateStale(options: GenerateOptions, out: string, input: LoadedInput, { hash, generator, lock, previous }: Hashes, { runtime, runtimeBuild, emitThread }: EmitSetup): Promise<GenerateResult> {
  const { readReferences } = await import('./validate/validate.ts');
  const { buildModel, lockOwners } = await import('./model/model.ts');
  const { renderPackage, renderTypes } = await import('./render/render.ts');
  const references = await timed('validate', options, async () => {
    const read = readReferences(input);
    if (read.problems.length > 0) await reportAllProblems(input, []);
    return read.references;
  });
  const { nameLockOf } = await import('./model/names.ts');
  const model = await timed('model', options, () => buildModel(references, input, lock));
  const typeNames = nameLockOf(lockOwners(model));
  // Services whose inputs are those the output's stamp recorded keep their modules as they are.
  const packageName = options.packageName ?? DEFAULT_PACKAGE_NAME;
  const packageVersion = options.packageVersion ?? DEFAULT_PACKAGE_VERSION;
  const shared = sha256([generator, ...[...runtime].map(([file, text]) => `${file}\n${sha256(text)}`), packageName, packageVersion, docsRootUrlOf(options) ?? ''].join('\n'));
  const services = moduleHashes(model.services, model.workers, input, shared, typeNames);
  const reused = await timed('reuse', options, () => reusableModules(out, previous, services));
  const stale = { services: model.services.filter((service) => !reused.has(service.serviceName)), ...(model.workers && !reused.has(WORKERS_MODULE) && { workers: model.workers }) };
  const types = await timed('types', options, () => renderTypes(stale, { rootUrl: docsRootUrlOf(options), schemas: input.schemas }));
  const staleModules = new Set([...stale.services.map((service) => service.serviceName), ...(stale.workers ? [WORKERS_MODULE] : [])]);
  const rendered = await timed('render', options, () => renderPackage(model, { packageName, packageVersion, docsRootUrl: docsRootUrlOf(options), schemas: input.schemas, services: staleModules }, types, runtime));
  // A kept module's declarations stand in for its source, so that the index still type-checks against it.
  const sources = new Map(rendered);
  for (const files of reused.values()) {
    for (const [file, text] of files) if (file.endsWith('.d.ts')) sources.set(file.replace(/^dist\//, 'src/'), text);
  }
  // The TypeScript sources are only the compiler's input: the package ships what it emits
  // (.js beside .d.ts), so the formatter formats the emitted files and the rest, each once; a
  // JavaScript file whose unformatted text is the one the output's stamp recorded is kept as it is.
  // TypeScript emits before it checks and hands over each file as it writes it: this thread
  // formats them meanwhile (dropped if the check fails).
  const { formatFile, formatFiles } = await import('./format/format.ts');
  const formatOrKeep = async (unformatted: Map<string, string>) => {
    const kept = await reusableFormatted(out, previous, unformatted, generator);
    return new Map([...kept, ...(await formatFiles(new Map([...unformatted].filter(([file]) => !kept.has(file)))))]);
  };
  const emittedFormatting: Array<Promise<[string, string]>> = [];
  const emitted = emitThread.emit(sources, (file, text) => {
    const formatting = file.endsWith('.js') ? formatOrKeep(new Map([[file, text]])).then((one) => one.get(file)!) : formatFile(file, text);
    const pair = formatting.then((formattedText) => [file, formattedText] as [string, string]);
    pair.catch(() => {}); // awaited below, unless the check fails first
    emittedFormatting.push(pair);
  });
  const othersSources = new Map([...sources].filter(([file]) => !file.startsWith('src/')));
  const others = await formatOrKeep(othersSources);
  // Every file arrived before the check's answer (one port, in order).
  const emittedFiles = await timed('emit', options, () => emitted.checked);
  const javascript = new Map([...emittedFiles].filter(([file]) => file.endsWith('.js')));
  const formatted = await timed('format', options, async () => new Map(await Promise.all(emittedFormatting)));
  // The prebuilt runtime output is already formatted, by the same function with the same options.
  const files = new Map([...others, ...formatted, ...Object.entries(runtimeBuild?.files ?? {}), ...[...reused.values()].flatMap((kept) => [...kept])]);
  const snapshot = snapshotModel(model);
  // A kept module's entries carry over, so that the stamp is the one a cold run writes; the
  // runtime's output (emitted here only without its prebuilt build) is recorded by neither.
  const keptFrom = [...reused.keys()].flatMap((name) => stampedModuleFiles(name, previous!)).filter((file) => previous?.sources?.[file] !== undefined);
  const hashes = { ...Object.fromEntries(keptFrom.map((file) => [file, previous!.sources![file]!])), ...sourceHashes(new Map([...othersSources, ...javascript].filter(([file]) => !file.startsWith('dist/runtime/'))), generator) };
  const formattedFrom = Object.fromEntries(Object.entries(hashes).sort(([a], [b]) => (a < b ? -1 : 1)));
  files.set(STAMP_FILE, stampText(stampHash(hash, { types: typeNames, services, sources: formattedFrom, model: snapshot }), files, typeNames, snapshot, { services, sources: formattedFrom }));
  const rebuilt = [...staleModules].sort();
  const kept = [...reused.keys()].sort();
  const diff = options.diff ? await diffWithStamp(previous, snapshot, options.names) : undefined;
  if (options.check) return { files: await timed('check', options, () => differingFiles(out, files)), unchanged: false, rebuilt, kept, ...(diff && { diff }) };
  await timed('write', options, () => writeAtomically(out, files));
  return { files: [...files.keys()].sort(), unchanged: false, rebuilt, kept, ...(diff && { diff }) };
}
