// Browsers and other runtimes: one HTTP attempt over the platform's fetch, behaving as the
// undici transport does (transport.ts). Selected by the `browser` and `default` conditions of
// `#runtime/transport`, so a bundle for a browser contains no undici.
import { TaskclusterError } from './errors.js';
import { abortReason } from './retry.js';
import { TransportFailure, type Attempt, type CreateDispatcher } from './transport.js';

/**
 * Request headers a cross-origin call may carry: those Taskcluster's API servers list in
 * Access-Control-Allow-Headers (a preflight asking for any other fails the whole call). Others,
 * such as User-Agent, which browsers do not let a page set anyway, and x-taskcluster-trace-id
 * (`traceId`), which Taskcluster's list does not name, are left out. The list is
 * taskcluster/taskcluster libraries/api/src/api.js corsHeaders (Origin is the browser's own).
 */
export const CORS_REQUEST_HEADERS: ReadonlySet<string> = new Set(['authorization', 'content-type', 'accept', 'cache-control', 'x-requested-with']);

/** fetch pools connections itself: a client has nothing to create or close. */
export const createDispatcher: CreateDispatcher = () => undefined;

function corsHeaders(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (CORS_REQUEST_HEADERS.has(name.toLowerCase())) result[name] = value;
  }
  return result;
}

export const attempt: Attempt = async (req) => {
  const { signal } = req;
  if (signal?.aborted) throw abortReason(signal);
  // One controller for the timeout and the caller's signal; which one fired decides the outcome.
  const cancel = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    cancel.abort();
  }, req.timeout);
  const onAbort = (): void => cancel.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const url = req.origin + req.path;
  try {
    const res = await fetch(url, {
      method: req.method,
      headers: corsHeaders(req.headers),
      body: req.body ?? null,
      signal: cancel.signal,
      // Never followed, as with undici: credentials only ever go to rootUrl's origin.
      redirect: 'manual',
    });
    if (res.type === 'opaqueredirect') {
      // A browser hides a manual redirect's status and Location from the page.
      throw new TaskclusterError({
        // Redirecting entries (getArtifact, getLatestArtifact, findArtifactFromTask…) answer with where
        // the data is: a page can fetch that itself, from the URL the client signs without calling.
        message:
          `${req.method} ${url} answered with a redirect, which a browser does not let the page read: ` +
          'for a redirecting entry such as getArtifact, fetch the URL that client.buildSignedUrlAsync(client.<method>, …) ' +
          '(or buildUrl, for public data) gives instead, or, on Node.js, use the artifact helpers (downloadArtifact, download)',
        code: 'UnexpectedRedirect',
        method: req.method,
        url,
        retries: 0,
      });
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => (headers[name] = value));
    if (req.binary) {
      const bytes = await res.arrayBuffer();
      const text = res.status >= 200 && res.status < 300 ? '' : new TextDecoder().decode(bytes);
      return { statusCode: res.status, headers, text, bytes };
    }
    const text = await res.text();
    return { statusCode: res.status, headers, text };
  } catch (err) {
    if (signal?.aborted) throw abortReason(signal);
    if (err instanceof TaskclusterError) throw err;
    // ECONNABORTED for timeouts, as the undici transport (and the official client) label them.
    if (timedOut) throw new TransportFailure(true, 'ECONNABORTED', { cause: err });
    // A browser's fetch reports every network failure (refused, reset, DNS, CORS) as a bare
    // TypeError; server runtimes put the system error, with its code, in `cause`.
    const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code;
    throw new TransportFailure(false, typeof code === 'string' ? code : 'ECONNERROR', { cause: err });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
};
