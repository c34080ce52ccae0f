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
  if (statusCode >= 300 && statusCode < 400) return 'Unexpected Redirect';
  return 'Unknown Server Error';
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The error for a non-2xx response; `body` is the parsed JSON, or the raw text. */
export function responseError(res: AttemptResponse, line: RequestLine): TaskclusterError {
  // Redact first: the body is kept on the error, and errors get logged whole.
  const text = redact(res.text, line.secret);
  const parsed = text === '' ? undefined : tryParse(text);
  const json = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  let message: string;
  if (json && typeof json.message === 'string' && json.message !== '') {
    message = json.message;
  } else {
    const snippet = json || text === '' ? '' : `: ${text.slice(0, 200)}`;
    message = `${defaultMessage(res.statusCode)} (HTTP ${res.statusCode} from ${line.method} ${line.url})${snippet}`;
  }
  return new TaskclusterError({
    message,
    statusCode: res.statusCode,
    code: json && typeof json.code === 'string' ? json.code : 'UnknownError',
    method: line.method,
    url: line.url,
    retries: 0,
    body: json ?? (text === '' ? undefined : text),
  });
}

/** The result of a 2xx response: the parsed body when the entry has output, else undefined. */
export function responseResult(entry: EntryDefinition, res: AttemptResponse, line: RequestLine): unknown {
  if (!entry.output) return undefined;
  const parsed = res.text === '' ? undefined : tryParse(res.text);
  if (parsed !== undefined) return parsed;
  const type = res.headers['content-type'] ?? 'none';
  throw new TaskclusterError({
    message:
      `${entry.name}: expected a JSON response body from ${line.method} ${line.url}, ` +
      `got ${res.text === '' ? 'an empty body' : 'a non-JSON body'} (content-type: ${String(type)})`,
    statusCode: res.statusCode,
    code: 'InvalidResponseBody',
    method: line.method,
    url: line.url,
    retries: 0,
    body: redact(res.text.slice(0, 1000), line.secret),
  });
}

/** 5xx and 429 are worth another attempt; other statuses are final. */
export function isRetriableStatus(statusCode: number): boolean {
  return (statusCode >= 500 && statusCode < 600) || statusCode === 429;
}
