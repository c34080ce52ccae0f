// Turning an HTTP response into a result or a TaskclusterError. Error messages follow
// the official client: the server's `message` when the body has one, else a default
// by status ("Unknown Server Error", "Authentication Error", …).
import { TaskclusterError, redact } from './errors.js';
import type { AttemptResponse } from './request.js';
import type { EntryDefinition } from './types.js';

export interface RequestLine {
  method: string;
  url: string;
  /** Removed from any text we put in a message. */
  secret: string | undefined;
}

function defaultMessage(statusCode: number): string {
  if (statusCode === 401) return 'Authentication Error';
  if (statusCode === 500) return 'Internal Server Error';
  return 'Unknown Server Error';
}

/**
 * A JSON media type: `application/json`, with or without parameters. Media types are
 * case-insensitive (RFC 9110 section 8.3.1); the official client compares case-sensitively.
 */
function isJsonType(contentType: string | string[] | undefined): boolean {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return value !== undefined && /^\s*application\/json\s*(;|$)/i.test(value);
}

function tryParse(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/**
 * An answer, as the official client's entry wrapper takes it: 2xx and 3xx. Redirects are not
 * followed (the queue's getArtifact answers 303 with a `Location` header and a JSON body).
 */
export function isAnswerStatus(statusCode: number): boolean {
  return statusCode >= 200 && statusCode < 400;
}

/**
 * The error for a response that is not an answer (4xx, 5xx, anything outside 200-399). `body`
 * is the parsed JSON when the content type is JSON, else the raw text (as in the official
 * client); `code` and `message` are the body's, or `UnknownError` and a default by status.
 */
export function responseError(res: AttemptResponse, line: RequestLine): TaskclusterError {
  // Redact first: the body is kept on the error, and errors get logged whole.
  const text = redact(res.text, line.secret);
  const parsed = text !== '' && isJsonType(res.headers['content-type']) ? tryParse(text) : undefined;
  const json = typeof parsed?.value === 'object' && parsed.value !== null ? (parsed.value as Record<string, unknown>) : undefined;
  let message: string;
  if (json && typeof json.message === 'string' && json.message !== '') {
    message = json.message;
  } else {
    const snippet = parsed || text === '' ? '' : `: ${text.slice(0, 200)}`;
    message = `${defaultMessage(res.statusCode)} (HTTP ${res.statusCode} from ${line.method} ${line.url})${snippet}`;
  }
  return new TaskclusterError({
    message,
    statusCode: res.statusCode,
    code: json && typeof json.code === 'string' && json.code !== '' ? json.code : 'UnknownError',
    method: line.method,
    url: line.url,
    retries: 0,
    body: parsed ? parsed.value : text,
  });
}

function invalidBody(entry: EntryDefinition, res: AttemptResponse, line: RequestLine, what: string): TaskclusterError {
  const type = res.headers['content-type'] ?? 'none';
  const location = res.headers.location === undefined ? '' : `, location: ${String(res.headers.location)}`;
  return new TaskclusterError({
    message:
      `${entry.name}: expected a JSON response body from ${line.method} ${line.url}, ` +
      `got ${what} (HTTP ${res.statusCode}, content-type: ${String(type)}${location})`,
    statusCode: res.statusCode,
    code: 'InvalidResponseBody',
    method: line.method,
    url: line.url,
    retries: 0,
    body: redact(res.text.slice(0, 1000), line.secret),
  });
}

/**
 * The result of an answer (2xx or 3xx; see isAnswerStatus): the parsed body when the content
 * type is JSON and the body is non-empty, else undefined, as the official client resolves,
 * for entries with and without an output schema. Two cases throw `InvalidResponseBody`
 * instead: a JSON content type with a body that does not parse (the official client rejects
 * too), and an entry that declares an output schema answered without a JSON body (its method
 * promises that output; resolving undefined would fail later, far from the cause).
 */
export function responseResult(entry: EntryDefinition, res: AttemptResponse, line: RequestLine): unknown {
  if (res.text !== '' && isJsonType(res.headers['content-type'])) {
    const parsed = tryParse(res.text);
    if (!parsed) throw invalidBody(entry, res, line, 'a body that is not valid JSON');
    return parsed.value;
  }
  if (!entry.output) return undefined;
  throw invalidBody(entry, res, line, res.text === '' ? 'an empty body' : 'a non-JSON body');
}

/** 5xx and 429 are worth another attempt; other statuses are final. */
export function isRetriableStatus(statusCode: number): boolean {
  return (statusCode >= 500 && statusCode < 600) || statusCode === 429;
}
