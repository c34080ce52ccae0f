import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import { GenerateError } from '../errors.ts';
import { createConcurrencyLimit } from './concurrency-limit.ts';
import { parseJson } from './json.ts';
import { AttemptFailure, getOnce } from './http-attempt.ts';
import type { ReferenceSource } from './source.ts';

export interface HttpSourceOptions {
  /** Requests in flight at once. Default 8. */
  concurrency?: number;
  /** Extra attempts after a 5xx, a network error or a timeout; `retries: 3` makes up to 4 requests. Default 3. */
  retries?: number;
  /** Delay before retry n (1-based) is retryDelayMs · 2^(n−1). Default 200 ms. */
  retryDelayMs?: number;
  /** Time allowed for one attempt, headers and body. Default 30 000 ms. */
  timeoutMs?: number;
  /** Called as requests start and finish; `total` grows as a crawl discovers more files. */
  onProgress?: (done: number, total: number) => void;
}

/** An HTTP source also gives the bytes as served, and must be closed. */
export interface HttpSource extends ReferenceSource {
  readonly rootUrl: string;
  readBytes(path: string): Promise<Buffer>;
  /** Cancels requests still in flight and releases the connections. */
  close(): Promise<void>;
}

/** Reads references and schemas from a deployment's root URL. */
export function createHttpSource(rootUrl: string, options: HttpSourceOptions = {}): HttpSource {
  const root = normalizeRootUrl(rootUrl);
  const retries = options.retries ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const limit = createConcurrencyLimit(options.concurrency ?? 8);
  const agent = new Agent();
  const closing = new AbortController();
  const progress = { done: 0, total: 0 };
  /** The references bundle's index of each schema it listed (listSchemas), for messages about it. */
  const listed = new Map<string, number>();
  const attempt = (url: string): Promise<Buffer> =>
    limit(() => getOnce(url, { dispatcher: agent, timeoutMs, signal: closing.signal }));

  const locate = (path: string): string => root + (path.startsWith('/') ? path : '/' + path);

  /** The bytes at `path`; undefined for a 404 (or an HTML page) when `absentIsUndefined`. Throws a GenerateError naming the URL. */
  async function fetchBytes(path: string, absentIsUndefined: true): Promise<Buffer | undefined>;
  async function fetchBytes(path: string, absentIsUndefined?: false): Promise<Buffer>;
  async function fetchBytes(path: string, absentIsUndefined = false): Promise<Buffer | undefined> {
    const url = locate(path);
    options.onProgress?.(progress.done, ++progress.total);
    try {
      return await withRetries(() => attempt(url), { retries, retryDelayMs, signal: closing.signal });
    } catch (error) {
      if (!(error instanceof AttemptFailure)) throw error;
      // An optional document: absent when not found, or when a front end answers with its HTML page.
      if (absentIsUndefined && (error.status === 404 || error.html)) return undefined;
      throw new GenerateError([{ location: url, pointer: '', message: error.message }]);
    } finally {
      options.onProgress?.(++progress.done, progress.total);
    }
  }
  const readBytes = (path: string): Promise<Buffer> => fetchBytes(path);

  return {
    rootUrl: root,
    locate,
    readBytes,
    // Decoded as readFile(…, 'utf8') does, so a directory mirror and its URL give the same text.
    readText: async (path) => (await readBytes(path)).toString('utf8'),
    async listSchemas() {
      const bundle = await fetchBytes(BUNDLE_PATH, true);
      const entries = bundle === undefined ? [] : bundleSchemaEntries(bundle, locate(BUNDLE_PATH));
      for (const entry of entries) listed.set(entry.path, entry.index);
      return entries.map((entry) => entry.path);
    },
    listedAt(path) {
      const index = listed.get(path);
      return index === undefined ? undefined : { location: locate(BUNDLE_PATH), pointer: `/${index}/filename`, text: path.slice(1) };
    },
    async close() {
      closing.abort();
      await agent.close();
    },
  };
}

/**
 * Every reference and schema of a deployment in one JSON document, which Taskcluster's references
 * server writes beside the manifest (infrastructure/references/relativize.js: `[{ filename, content }]`,
 * filenames such as "schemas/generic-worker/multiuser_posix.json"). Its list of schemas is how an
 * HTTP source finds the worker payload schemas, which no reference names. Deployments that serve none
 * (older releases) yield no worker payloads.
 */
export const BUNDLE_PATH = '/references/references.json';

/** A schema path as the bundle must give it: plain segments below `schemas/`, a `.json` name. */
const PLAIN_SCHEMA_PATH = /^schemas(?:\/(?!\.{1,2}(?:\/|$))[\w.-]+)+\.json$/;

/**
 * The bundle's schema documents: each one's root-relative path ("/schemas/…json") and its index in
 * the bundle, sorted by path; its other entries (the references, the manifest) are not listed.
 * Throws a GenerateError at `location` and the entry's JSON pointer when it is not a bundle, or a
 * schema's filename is not a plain path below schemas/ (no `.` or `..` segment, no `%`, `\`, `?`
 * or `#`, which the URL would read otherwise).
 */
export function bundleSchemaEntries(bytes: Buffer, location: string): Array<{ path: string; index: number }> {
  const problem = (pointer: string, message: string) => new GenerateError([{ location, pointer, message }]);
  const bundle = parseJson(bytes.toString('utf8'), location);
  if (!Array.isArray(bundle)) throw problem('', 'expected an array of { filename, content } (the references bundle)');
  // Path → index; a path listed twice is one schema, located at its first entry.
  const entries = new Map<string, number>();
  bundle.forEach((item: unknown, index) => {
    const filename = (item as { filename?: unknown } | null)?.filename;
    if (typeof filename !== 'string') throw problem(`/${index}/filename`, 'expected a string');
    if (!filename.startsWith('schemas/')) return;
    if (!PLAIN_SCHEMA_PATH.test(filename)) throw problem(`/${index}/filename`, `expected a schema path of plain segments (schemas/<folder>/…/<name>.json), found ${JSON.stringify(filename)}`);
    if (!entries.has(`/${filename}`)) entries.set(`/${filename}`, index);
  });
  return [...entries].map(([path, index]) => ({ path, index })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Checks the scheme and drops trailing slashes: "https://tc.example.com/" → "https://tc.example.com". */
export function normalizeRootUrl(rootUrl: string): string {
  const fail = (message: string): never => {
    throw new GenerateError([{ location: rootUrl, pointer: '', message }]);
  };
  let url: URL;
  try {
    url = new URL(rootUrl);
  } catch {
    return fail('root URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    fail(`root URL must start with http:// or https://, not ${url.protocol}`);
  }
  if (url.search || url.hash) fail('root URL must not have a query or a fragment');
  return url.href.replace(/\/+$/, '');
}

interface RetryPolicy {
  retries: number;
  retryDelayMs: number;
  signal: AbortSignal;
}

/** Runs `attempt` until it succeeds, fails for good, or the retries run out. */
async function withRetries(attempt: () => Promise<Buffer>, policy: RetryPolicy): Promise<Buffer> {
  for (let failures = 0; ;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof AttemptFailure) || !error.retryable || policy.signal.aborted) throw error;
      failures++;
      if (failures > policy.retries) {
        if (failures === 1) throw error;
        throw new AttemptFailure(`${error.message} (gave up after ${failures} attempts)`, false);
      }
      await sleep(policy.retryDelayMs * 2 ** (failures - 1), undefined, { signal: policy.signal }).catch(() => {
        throw error; // closed while waiting: report the failure that made us wait
      });
    }
  }
}
