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
export declare class TaskclusterError extends Error {
  readonly statusCode: number | undefined;
  readonly code: string;
  readonly method: string;
  readonly url: string;
  retries: number;
  readonly body: unknown;
  constructor(init: TaskclusterErrorInit);
}
/**
 * Replace every occurrence of `secret` in `text`. A server may echo request data
 * into its message; an access token must never end up in logs through us.
 */
export declare function redact(text: string, secret: string | undefined): string;
