import { GenerateError, type Problem } from '../errors.ts';
import { createHttpSource, type HttpSource, type HttpSourceOptions } from './http-source.ts';
import { parseJson } from './json.ts';
import { assertReplaceableMirror, writeMirrorAtomically } from './mirror-dir.ts';
import { MANIFEST_PATH, manifestReferencePaths, referenceSchemaPaths, schemaRefPaths } from './reference-files.ts';

export interface FetchMirrorOptions {
  /** The deployment's root URL, e.g. "https://community-tc.services.mozilla.com". */
  rootUrl: string;
  /** Directory to write the mirror to; replaced only if missing, empty, or an earlier mirror. */
  out: string;
  /** Concurrency, retries, timeouts and progress of the downloads. */
  http?: HttpSourceOptions;
}

export interface FetchMirrorResult {
  /** Root-relative paths of the files written, sorted. */
  files: string[];
}

/**
 * Downloads the manifest, every reference it lists and every schema those
 * references reach through `$ref`s, and writes them to `out` laid out as the
 * URLs are, byte for byte as served. Reports every failed file, not only the first.
 */
export async function fetchMirror(options: FetchMirrorOptions): Promise<FetchMirrorResult> {
  const source = createHttpSource(options.rootUrl, options.http);
  try {
    await assertReplaceableMirror(options.out); // fail before downloading anything
    const files = await crawl(source);
    await writeMirrorAtomically(options.out, files);
    return { files: [...files.keys()].sort() };
  } finally {
    await source.close();
  }
}

/** Per-crawl state: what has been asked for, what arrived, what went wrong. */
interface CrawlState {
  source: HttpSource;
  requested: Set<string>;
  files: Map<string, Buffer>;
  problems: Problem[];
  /** A bug rather than bad input; kept so it is rethrown after every request has settled. */
  unexpected: unknown[];
  pending: Array<Promise<void>>;
}

async function crawl(source: HttpSource): Promise<Map<string, Buffer>> {
  const manifestBytes = await source.readBytes(MANIFEST_PATH);
  const manifest = parseJson(manifestBytes.toString('utf8'), source.locate(MANIFEST_PATH));
  const state: CrawlState = {
    source,
    requested: new Set([MANIFEST_PATH]),
    files: new Map([[MANIFEST_PATH, manifestBytes]]),
    problems: [],
    unexpected: [],
    pending: [],
  };
  const referencePaths = manifestReferencePaths(manifest, source.locate(MANIFEST_PATH), source.rootUrl);
  for (const path of referencePaths) {
    request(state, path, (reference) => referenceSchemaPaths(reference, source.rootUrl));
  }
  // Each finished file may request more, so wait until no request is left outstanding.
  while (state.pending.length > 0) await Promise.all(state.pending.splice(0));
  if (state.unexpected.length > 0) throw state.unexpected[0];
  if (state.problems.length > 0) throw new GenerateError(sortProblems(state.problems));
  return state.files;
}

/** Fetches `path` once per crawl, then requests every schema `next` says it needs. */
function request(state: CrawlState, path: string, next: (document: unknown) => string[]): void {
  if (state.requested.has(path)) return;
  state.requested.add(path);
  const fetched = async (): Promise<void> => {
    try {
      const bytes = await state.source.readBytes(path);
      const document = parseJson(bytes.toString('utf8'), state.source.locate(path));
      state.files.set(path, bytes);
      for (const schemaPath of next(document)) {
        request(state, schemaPath, (schema) => schemaRefPaths(schema, schemaPath, state.source.rootUrl));
      }
    } catch (error) {
      if (error instanceof GenerateError) state.problems.push(...error.problems);
      else state.unexpected.push(error);
    }
  };
  state.pending.push(fetched());
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.location < b.location ? -1 : a.location > b.location ? 1 : 0));
}
