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

/**
 * A 403 `InsufficientScopes` answer: the call's credentials lack scopes the entry requires. The
 * details are parsed from the service's message (Taskcluster's libraries/api auth middleware
 * writes the missing scopes, then the required expression, each in a fenced block; the body holds
 * only `code`, `message` and `requestInfo`). `message` lists the missing scopes one per line.
 */
export class InsufficientScopesError extends TaskclusterError {
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

  constructor(init: TaskclusterErrorInit & { required: unknown; missing: unknown; missingScopes: string[]; clientId: string | undefined }) {
    super(init);
    this.name = 'InsufficientScopesError';
    this.required = init.required;
    this.missing = init.missing;
    this.missingScopes = init.missingScopes;
    this.clientId = init.clientId;
  }
}
