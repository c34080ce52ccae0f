// The one error class callers need to catch (bad arguments are plain TypeErrors,
// thrown before any request). Messages are built from the server's
// answer and the request line only: never from credentials or request headers.

export interface TaskclusterErrorInit {
  message: string;
  /** HTTP status; undefined when no response arrived (network error, timeout). */
  statusCode?: number;
  /** The body's `code` (e.g. `ResourceNotFound`), or a transport code such as `ECONNRESET`. */
  code: string;
  method: string;
  url: string;
  /** Retries made before giving up (attempts - 1). */
  retries: number;
  /**
   * The error body: parsed when the content type is JSON (a Taskcluster error body is
   * `{ code, message, requestInfo }`), else the raw text ('' when empty), as the official client
   * keeps it; for `InvalidResponseBody`, the start of the answer's text.
   */
  body?: unknown;
  cause?: unknown;
}

export class TaskclusterError extends Error {
  readonly statusCode: number | undefined;
  readonly code: string;
  readonly method: string;
  readonly url: string;
  retries: number;
  readonly body: unknown;

  constructor(init: TaskclusterErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'TaskclusterError';
    this.statusCode = init.statusCode;
    this.code = init.code;
    this.method = init.method;
    this.url = init.url;
    this.retries = init.retries;
    this.body = init.body;
  }
}

/**
 * Replace every occurrence of `secret` in `text`. A server may echo request data
 * into its message; an access token must never end up in logs through us.
 */
export function redact(text: string, secret: string | undefined): string {
  if (!secret || !text.includes(secret)) return text;
  return text.split(secret).join('<redacted>');
}
