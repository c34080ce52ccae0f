// The one error class callers need to catch (bad arguments are plain TypeErrors,
// thrown before any request). Messages are built from the server's
// answer and the request line only: never from credentials or request headers.
export class TaskclusterError extends Error {
  statusCode;
  code;
  method;
  url;
  retries;
  body;
  constructor(init) {
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
export function redact(text, secret) {
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
  required;
  /**
   * What the service said is missing, a scope expression (taskcluster-lib-scopes removeGivenScopes:
   * everything under AllOf is needed, one branch of AnyOf); undefined when the call had no credentials.
   */
  missing;
  /** Every scope named in `missing`, in order. */
  missingScopes;
  /** The client ID the service named, else the call's own; undefined for a call without credentials. */
  clientId;
  constructor(init) {
    super(init);
    this.name = 'InsufficientScopesError';
    this.required = init.required;
    this.missing = init.missing;
    this.missingScopes = init.missingScopes;
    this.clientId = init.clientId;
  }
}
