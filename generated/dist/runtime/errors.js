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
