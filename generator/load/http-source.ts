import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import { GenerateError } from '../errors.ts';
import { createConcurrencyLimit } from './concurrency-limit.ts';
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
  const attempt = (url: string): Promise<Buffer> =>
    limit(() => getOnce(url, { dispatcher: agent, timeoutMs, signal: closing.signal }));

  const locate = (path: string): string => root + (path.startsWith('/') ? path : '/' + path);

  const readBytes = async (path: string): Promise<Buffer> => {
    const url = locate(path);
    options.onProgress?.(progress.done, ++progress.total);
    try {
      return await withRetries(() => attempt(url), { retries, retryDelayMs, signal: closing.signal });
    } catch (error) {
      if (!(error instanceof AttemptFailure)) throw error;
      throw new GenerateError([{ location: url, pointer: '', message: error.message }]);
    } finally {
      options.onProgress?.(++progress.done, progress.total);
    }
  };

  return {
    rootUrl: root,
    locate,
    readBytes,
    // Decoded as readFile(…, 'utf8') does, so a directory mirror and its URL give the same text.
    readText: async (path) => (await readBytes(path)).toString('utf8'),
    async close() {
      closing.abort();
      await agent.close();
    },
  };
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
