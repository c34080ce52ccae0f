// The page the browser tests load: bundled by esbuild (platform browser) from a generated v87.1.3
// package, one service per subpath. Each scenario runs in the page and returns plain data for the
// test to check; the server checks the signatures. The test type-checks this file against the
// package (the repository's tsc skips it: the package exists only in the test's scratch dir).
import { PurgeCache } from '@tcgen/taskcluster-client/purge-cache';
import { Queue } from '@tcgen/taskcluster-client/queue';
import { TaskclusterError, createTemporaryCredentials, createTemporaryCredentialsAsync, download, downloadArtifact, downloadManagedArtifact, upload } from '@tcgen/taskcluster-client/runtime';
import { schemaValidation } from '@tcgen/taskcluster-client/validation';

interface Credentials { clientId: string; accessToken: string }
type Outcome = { ok: true; value: unknown } | { ok: false; name: string; message: string; isTaskclusterError: boolean; statusCode?: number; code?: string; retries?: number };

async function outcome(promise: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await promise };
  } catch (err) {
    const e = err as TaskclusterError;
    return { ok: false, name: e?.name, message: String(e?.message), isTaskclusterError: err instanceof TaskclusterError, statusCode: e?.statusCode, code: e?.code, retries: e?.retries };
  }
}

function thrown(fn: () => unknown): string {
  try {
    fn();
    return 'did not throw';
  } catch (err) {
    return `${(err as Error).name}: ${(err as Error).message}`;
  }
}

const scenarios = {
  /** Signed GET and POST with permanent credentials, and a call narrowed by authorizedScopes. */
  async permanent(rootUrl: string, credentials: Credentials) {
    const queue = new Queue({ rootUrl, credentials });
    const purgeCache = new PurgeCache({ rootUrl, credentials });
    return {
      task: await outcome(queue.task('fN1i1-mqQ1GZxNjhKuNfbA')),
      purge: await outcome(purgeCache.purgeCache('proj/pool', { cacheName: 'level-3 checkouts' })),
      narrowed: await outcome(purgeCache.purgeRequests('proj/pool', { since: '2024-01-01T00:00:00.000Z' }, { authorizedScopes: ['purge-cache:purge-requests:proj/pool'] })),
    };
  },

  /** Temporary credentials made in the page (Web Crypto), used with client-wide authorizedScopes. */
  async temporary(rootUrl: string, issuer: Credentials) {
    const now = Date.now();
    const temporary = await createTemporaryCredentialsAsync({
      credentials: issuer,
      scopes: ['queue:get-task:*', 'purge-cache:*'],
      start: new Date(now - 60_000),
      expiry: new Date(now + 3_600_000),
    });
    const named = await createTemporaryCredentialsAsync({
      clientId: 'issuer/browser-named',
      credentials: issuer,
      scopes: ['queue:*'],
      start: new Date(now - 60_000),
      expiry: new Date(now + 3_600_000),
    });
    const queue = new Queue({ rootUrl, credentials: temporary, authorizedScopes: ['queue:get-task:*'] });
    const namedQueue = new Queue({ rootUrl, credentials: named });
    return {
      temporary,
      task: await outcome(queue.task('fN1i1-mqQ1GZxNjhKuNfbA')),
      named: await outcome(namedQueue.status('fN1i1-mqQ1GZxNjhKuNfbA')),
    };
  },

  /** A bewit URL built in the page, then fetched with no credentials at all. */
  async bewit(rootUrl: string, credentials: Credentials) {
    const purgeCache = new PurgeCache({ rootUrl, credentials });
    const url = await purgeCache.buildSignedUrlAsync(purgeCache.purgeRequests, 'proj/pool', { since: '2024-01-01 00:00' }, { expiration: 60 });
    const res = await fetch(url, { credentials: 'omit' });
    return { url, status: res.status, body: await res.json() };
  },

  /** A quote in a query value: the browser sends it as %27 (WHATWG URL), which the signature must cover. */
  async quotedQuery(rootUrl: string, credentials: Credentials) {
    const purgeCache = new PurgeCache({ rootUrl, credentials });
    const since = "it's";
    const url = await purgeCache.buildSignedUrlAsync(purgeCache.purgeRequests, 'proj/pool', { since }, { expiration: 60 });
    const res = await fetch(url, { credentials: 'omit' });
    return { call: await outcome(purgeCache.purgeRequests('proj/pool', { since })), url, status: res.status };
  },

  /** What differs in a browser: the synchronous crypto forms and fromEnv throw, saying what to use. */
  async browserOnly(rootUrl: string, credentials: Credentials) {
    const purgeCache = new PurgeCache({ rootUrl, credentials });
    const options = { credentials, scopes: [], start: new Date(), expiry: new Date(Date.now() + 60_000) };
    return {
      buildSignedUrl: thrown(() => purgeCache.buildSignedUrl(purgeCache.ping)),
      createTemporaryCredentials: thrown(() => createTemporaryCredentials(options)),
      fromEnv: thrown(() => PurgeCache.fromEnv()),
      hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
    };
  },
  /** The Node-only helpers reject, saying so; a client with traceId still calls (the header is not sent, so no preflight fails). */
  async nodeOnly(rootUrl: string, credentials: Credentials) {
    const queue = new Queue({ rootUrl, credentials, traceId: 'trace/browser-1' });
    const unused = (): never => {
      throw new Error('not reached');
    };
    return {
      upload: await outcome(upload({ projectId: 'p', name: 'n', contentType: 'text/plain', contentLength: 0, expires: new Date(), object: {} as never, streamFactory: unused })),
      download: await outcome(download({ name: 'n', object: {} as never, streamFactory: unused })),
      downloadArtifact: await outcome(downloadArtifact({ taskId: 't', name: 'public/x', queue, streamFactory: unused })),
      downloadManagedArtifact: await outcome(downloadManagedArtifact({ taskId: 't', name: 'public/x', queue, streamFactory: unused })),
      traced: await outcome(queue.task('trace-task')),
    };
  },

  /** A 500 retried until it succeeds, a 404 raised as TaskclusterError without retries, a redirect not followed. */
  async errors(rootUrl: string, credentials: Credentials) {
    const queue = new Queue({ rootUrl, credentials, retries: 3, delayFactor: 1, maxDelay: 20 });
    return {
      retried: await outcome(queue.status('flaky-500-twice')),
      notFound: await outcome(queue.status('missing-404')),
      exhausted: await outcome(new Queue({ rootUrl, credentials, retries: 1, delayFactor: 1 }).status('always-500')),
      redirect: await outcome(queue.status('redirect-303')),
    };
  },

  /** An abort by the caller's signal while the server stalls, and a per-attempt timeout. */
  async abort(rootUrl: string, credentials: Credentials) {
    const queue = new Queue({ rootUrl, credentials, retries: 0 });
    const controller = new AbortController();
    const started = performance.now();
    const pending = outcome(queue.status('stall', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    const aborted = await pending;
    const abortMs = performance.now() - started;
    const timedOut = await outcome(new Queue({ rootUrl, credentials, retries: 0, timeout: 200 }).status('stall'));
    return { aborted, abortMs, timedOut };
  },

  /**
   * Opt-in schema validation: ajv, its formats and each service's schemas load in the page. A
   * payload the input schema refuses (a `created` that is no date-time) is refused before any
   * request; an answer the output schema refuses, after it; a valid payload goes out.
   */
  async validation(rootUrl: string, credentials: Credentials) {
    const validate = schemaValidation();
    const queue = new Queue({ rootUrl, credentials, retries: 0, validate });
    const purgeCache = new PurgeCache({ rootUrl, credentials, retries: 0, validate });
    const metadata = { name: 'n', description: 'd', owner: 'dev@example.com', source: 'https://example.com/repo' };
    const task = { taskQueueId: 'proj/pool', created: 'yesterday', deadline: '2030-01-01T00:00:00.000Z', payload: {}, metadata };
    return {
      refused: await outcome(queue.createTask('validation-refused', task)),
      badAnswer: await outcome(queue.task('validation-answer')),
      valid: await outcome(purgeCache.purgeCache('proj/validated', { cacheName: 'level-3 checkouts' })),
      invalid: await outcome(purgeCache.purgeCache('proj/validated', JSON.parse('{"cacheName": 3}'))),
    };
  },
};

/** Never called: compiled only, so that the package's types are known to reach this page (not `any`). */
export function typeChecks(purgeCache: PurgeCache): void {
  // @ts-expect-error the async form resolves to the URL: it is a Promise, not a string
  const url: string = purgeCache.buildSignedUrlAsync(purgeCache.ping);
  // @ts-expect-error a route argument is a string (or a number), not an object
  void purgeCache.purgeRequests({ workerPoolId: 'p' });
  void url;
}

(globalThis as { scenarios?: typeof scenarios }).scenarios = scenarios;
export type Scenarios = typeof scenarios;
