// The front half that `generate` and `diff` share: open the reference (a mirror directory, a
// root URL or a source of the caller's own), load it, and report every problem at once.
import { checkMirrorDir, createDirSource } from './load/dir-source.ts';
import { EMBEDDED_REFERENCES } from './load/embedded-references.ts';
import { loadInputCollecting, type LoadedInput } from './load/load.ts';
import { GenerateError, ProblemList, type Problem } from './errors.ts';
import type { HttpSourceOptions } from './load/http-source.ts';
import type { ReferenceSource } from './load/source.ts';

/** Where a reference is read from: `source`, else `rootUrl`, else the mirror directory `references` (default: the embedded one, next to tcgen). */
export interface SourceOptions {
  /** A mirror of a deployment root, relative to the current directory (default: the purge-cache reference embedded in tcgen, EMBEDDED_REFERENCES). */
  references?: string;
  /** A deployment root URL to download from instead. */
  rootUrl?: string;
  /** Retries, timeouts and concurrency of the download from `rootUrl`. */
  http?: HttpSourceOptions;
  /** A source of your own (tests, caches); overrides `references` and `rootUrl`. */
  source?: ReferenceSource;
}

/** The source to read: `options.source`, else the root URL, else the mirror directory (default: the embedded one, next to tcgen). Throws GenerateError for a missing mirror. */
export async function openSource(options: SourceOptions): Promise<ReferenceSource> {
  if (options.source) return options.source;
  if (options.rootUrl !== undefined) {
    const { createHttpSource } = await import('./load/http-source.ts');
    return createHttpSource(options.rootUrl, options.http);
  }
  const root = options.references ?? EMBEDDED_REFERENCES;
  await checkMirrorDir(root);
  return createDirSource(root);
}

/**
 * Opens the source, loads every document and closes the source again. When a document cannot
 * be read, throws GenerateError with every problem of the reference (see reportAllProblems).
 */
export async function loadReference(options: SourceOptions): Promise<LoadedInput> {
  const source = await openSource(options);
  try {
    const { input, problems } = await loadInputCollecting(source);
    if (problems.length > 0) await reportAllProblems(input, problems);
    return input;
  } finally {
    await source.close?.();
  }
}

/**
 * Throws every problem of a run at once: `problems` (from loading), what validation finds, and
 * what modelling finds in the services that no earlier problem touched (a dangling `$ref`
 * pointer, a name that cannot be used), so that a broken document in one service hides no
 * other service's problems. Services (and workers' payload schemas) with an earlier problem are not
 * modelled: their missing or broken documents would only be reported again.
 */
export async function reportAllProblems(input: LoadedInput, problems: Problem[]): Promise<never> {
  const { readReferences } = await import('./validate/validate.ts');
  const { buildModel } = await import('./model/model.ts');
  const read = readReferences(input);
  const all = new ProblemList(); // records each problem once
  for (const { location, pointer, message } of [...problems, ...read.problems]) all.add(location, pointer, message);
  // By the root-relative part of each location (`…/references/<service>/`, `…/schemas/<service>/`):
  // a mirror kept under a folder named like a service touches nothing.
  const touched = (service: string) => all.items.some((problem) => problem.location.includes(`/references/${service}/`) || problem.location.includes(`/schemas/${service}/`));
  // A worker payload schema whose own document has a problem likewise (its folder's other payload
  // schemas are modelled, and their problems reported).
  const payloadSchemas = input.payloadSchemas.filter((path) => !all.items.some((problem) => problem.location.endsWith(path)));
  try {
    buildModel(read.references.filter((reference) => !touched(reference.serviceName)), { ...input, payloadSchemas });
  } catch (error) {
    if (!(error instanceof GenerateError)) throw error;
    for (const { location, pointer, message } of error.problems) all.add(location, pointer, message);
  }
  throw new GenerateError(all.items);
}
