import { GenerateError, type Problem } from '../errors.ts';
import { openSource } from '../generate.ts';
import type { HttpSourceOptions } from '../load/http-source.ts';
import { loadInput } from '../load/load.ts';
import { buildModel } from '../model/model.ts';
import { validateReferences } from '../validate/validate.ts';
import { diffSnapshots, type DiffReport } from './diff.ts';
import { snapshotModel, type ModelSnapshot } from './snapshot.ts';

/** A reference given on the command line: an http(s) URL is a deployment root URL, anything else a mirror directory. */
export const isRootUrl = (reference: string): boolean => /^https?:\/\//i.test(reference);

/**
 * The model `generate` would build from a reference (a mirror directory or a deployment root URL),
 * through the same load → validate → model stages, as a snapshot. Throws GenerateError (located problems).
 */
export async function snapshotOf(reference: string, http?: HttpSourceOptions): Promise<ModelSnapshot> {
  const source = await openSource(isRootUrl(reference) ? { rootUrl: reference, http } : { references: reference });
  try {
    const input = await loadInput(source);
    return snapshotModel(buildModel(validateReferences(input), input));
  } finally {
    await source.close?.();
  }
}

/**
 * Both references' snapshots, read concurrently (`http[i]` for reference i's download, if a URL);
 * when either (or both) has problems, one GenerateError with all of them.
 */
export async function snapshotsOf(references: [string, string], http: Array<HttpSourceOptions | undefined> = []): Promise<[ModelSnapshot, ModelSnapshot]> {
  const settled = await Promise.allSettled(references.map((reference, index) => snapshotOf(reference, http[index])));
  const problems: Problem[] = [];
  for (const result of settled) {
    if (result.status === 'fulfilled') continue;
    if (!(result.reason instanceof GenerateError)) throw result.reason;
    problems.push(...result.reason.problems);
  }
  if (problems.length > 0) throw new GenerateError(problems);
  return settled.map((result) => (result as PromiseFulfilledResult<ModelSnapshot>).value) as [ModelSnapshot, ModelSnapshot];
}

/**
 * `tcgen diff` as a library call: the report for two references (mirror directories or root URLs).
 * Throws GenerateError with every problem of both references.
 */
export async function diffReferences(oldReference: string, newReference: string, http?: HttpSourceOptions): Promise<DiffReport> {
  const [before, after] = await snapshotsOf([oldReference, newReference], [http, http]);
  return diffSnapshots(before, after);
}
