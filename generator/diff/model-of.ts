import { GenerateError, type Problem } from '../errors.ts';
import type { HttpSourceOptions } from '../load/http-source.ts';
import { loadReference, reportAllProblems } from '../reference-input.ts';
import { buildModel } from '../model/model.ts';
import type { NameLock } from '../model/names.ts';
import { readReferences } from '../validate/validate.ts';
import { diffSnapshots, type DiffReport } from './diff.ts';
import { snapshotModel, type ModelSnapshot } from './snapshot.ts';

/** A reference given on the command line: an http(s) URL is a deployment root URL, anything else a mirror directory. */
export const isRootUrl = (reference: string): boolean => /^https?:\/\//i.test(reference);

/**
 * The model `generate` would build from a reference (a mirror directory or a deployment root URL),
 * through the same load → validate → model stages, as a snapshot. `lock` is a name lock (see
 * readNameLock), as `generate` keeps the names of the output it replaces. Throws GenerateError (located problems).
 */
export async function snapshotOf(reference: string, http?: HttpSourceOptions, lock: NameLock = {}): Promise<ModelSnapshot> {
  // As generate: a document that cannot be read does not hide what validation finds in the rest.
  const input = await loadReference(isRootUrl(reference) ? { rootUrl: reference, http } : { references: reference });
  const read = readReferences(input);
  if (read.problems.length > 0) await reportAllProblems(input, []);
  return snapshotModel(buildModel(read.references, input, lock));
}

/**
 * Both references' snapshots, read concurrently (`http[i]` for reference i's download, if a URL);
 * both modelled with the name lock `lock`; when either (or both) has problems, one GenerateError with all of them.
 */
export async function snapshotsOf(references: [string, string], http: Array<HttpSourceOptions | undefined> = [], lock: NameLock = {}): Promise<[ModelSnapshot, ModelSnapshot]> {
  const settled = await Promise.allSettled(references.map((reference, index) => snapshotOf(reference, http[index], lock)));
  const problems: Problem[] = [];
  for (const result of settled) {
    if (result.status === 'fulfilled') continue;
    if (!(result.reason instanceof GenerateError)) throw result.reason;
    problems.push(...result.reason.problems);
  }
  // OLD and NEW may be the same reference: its problems are listed once.
  const unique = [...new Map(problems.map((problem) => [JSON.stringify([problem.location, problem.pointer, problem.message]), problem])).values()];
  if (unique.length > 0) throw new GenerateError(unique);
  return settled.map((result) => (result as PromiseFulfilledResult<ModelSnapshot>).value) as [ModelSnapshot, ModelSnapshot];
}

/**
 * `tcgen diff` as a library call: the report for two references (mirror directories or root URLs).
 * `lock` (default none) keeps recorded type names in both, as `generate` does for the output it
 * replaces: read it with readNameLock. Throws GenerateError with every problem of both references.
 */
export async function diffReferences(oldReference: string, newReference: string, http?: HttpSourceOptions, lock: NameLock = {}): Promise<DiffReport> {
  const [before, after] = await snapshotsOf([oldReference, newReference], [http, http], lock);
  return diffSnapshots(before, after);
}
