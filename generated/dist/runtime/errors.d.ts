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
/**
 * A 403 `InsufficientScopes` answer: the call's credentials lack scopes the entry requires. The
 * details are parsed from the service's message (Taskcluster's libraries/api auth middleware
 * writes the missing scopes, then the required expression, each in a fenced block; the body holds
 * only `code`, `message` and `requestInfo`). `message` lists the missing scopes one per line.
 */
export declare class InsufficientScopesError extends TaskclusterError {
  /** The expression the service required, as it rendered it for this request (else the reference's template). */
  readonly required: unknown;
  /**
   * What the service said is missing, a scope expression (taskcluster-lib-scopes removeGivenScopes:
   * everything under AllOf is needed, one branch of AnyOf); undefined when the call had no credentials.
   */
  readonly missing: unknown;
  /** Every scope named in `missing`, in order. */
  readonly missingScopes: string[];
  /** The client ID the service named, else the call's own; undefined for a call without credentials. */
  readonly clientId: string | undefined;
  constructor(
    init: TaskclusterErrorInit & {
      required: unknown;
      missing: unknown;
      missingScopes: string[];
      clientId: string | undefined;
    },
  );
}
