import { STATUS_CODES } from 'node:http';
import { request, type Dispatcher } from 'undici';

/** Why one HTTP attempt failed, and whether trying again could help. */
export class AttemptFailure extends Error {
  readonly retryable: boolean;
  /** The HTTP status when the server answered with one outside 2xx. */
  readonly status: number | undefined;
  /** The server answered 2xx with an HTML page (a login page, a front end's catch-all). */
  readonly html: boolean;
  constructor(message: string, retryable: boolean, status?: number, html = false) {
    super(message);
    this.name = 'AttemptFailure';
    this.retryable = retryable;
    this.status = status;
    this.html = html;
  }
}

export interface AttemptOptions {
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** Aborts the attempt when the source is closed. */
  signal: AbortSignal;
}

/**
 * One GET of `url`, body included, within `timeoutMs`. Resolves to the body
 * bytes exactly as served; rejects with an AttemptFailure saying what went
 * wrong (status, reset, hang, HTML) and whether a retry is worthwhile.
 */
export async function getOnce(url: string, options: AttemptOptions): Promise<Buffer> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs);
  try {
    const signal = AbortSignal.any([options.signal, timeout.signal]);
    const response = await request(url, { dispatcher: options.dispatcher, method: 'GET', signal });
    if (response.statusCode < 200 || response.statusCode >= 300) {
      await response.body.dump();
      throw statusFailure(response.statusCode, headerText(response.headers.location));
    }
    const contentType = headerText(response.headers['content-type']);
    // A login page or a proxy's error page is served as HTML with status 200: refuse it by name.
    if (/^\s*text\/html\b/i.test(contentType)) {
      await response.body.dump();
      throw new AttemptFailure(`expected JSON, got content-type "${contentType}"`, false, undefined, true);
    }
    return Buffer.from(await response.body.arrayBuffer());
  } catch (error) {
    if (error instanceof AttemptFailure) throw error;
    if (timeout.signal.aborted) throw new AttemptFailure(`no response within ${options.timeoutMs} ms`, true);
    if (options.signal.aborted) throw new AttemptFailure('request cancelled: the source was closed', false);
    throw new AttemptFailure(describeNetworkError(error), true);
  } finally {
    clearTimeout(timer);
  }
}

function statusFailure(statusCode: number, location: string): AttemptFailure {
  const text = STATUS_CODES[statusCode];
  const status = text ? `HTTP ${statusCode} ${text}` : `HTTP ${statusCode}`;
  // Redirects are not followed: a moved reference usually means a wrong root URL, which the user should see.
  const message = location ? `${status} (redirect to ${location})` : status;
  // Server errors are often transient (deploys, overload); client errors and redirects will not change.
  return new AttemptFailure(message, statusCode >= 500, statusCode);
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNRESET: 'connection reset by the server (ECONNRESET)',
  UND_ERR_SOCKET: 'connection closed by the server before the response was complete',
  ECONNREFUSED: 'connection refused (ECONNREFUSED)',
  ENOTFOUND: 'host not found (ENOTFOUND)',
  EAI_AGAIN: 'host name lookup failed (EAI_AGAIN)',
  ETIMEDOUT: 'connection timed out (ETIMEDOUT)',
};

function describeNetworkError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in NETWORK_ERRORS) return NETWORK_ERRORS[code]!;
  const message = error instanceof Error ? error.message : String(error);
  return `request failed: ${message}`;
}
