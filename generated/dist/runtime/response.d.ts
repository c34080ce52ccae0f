import { TaskclusterError } from './errors.js';
import type { AttemptResponse } from './request.js';
import type { EntryDefinition } from './types.js';
export interface RequestLine {
  method: string;
  url: string;
  /** Removed from any text we put in a message. */
  secret: string | undefined;
}
/**
 * An answer, as the official client's entry wrapper takes it: 2xx and 3xx. Redirects are not
 * followed (the queue's getArtifact answers 303 with a `Location` header and a JSON body).
 */
export declare function isAnswerStatus(statusCode: number): boolean;
/**
 * The error for a response that is not an answer (4xx, 5xx, anything outside 200-399). `body`
 * is the parsed JSON when the content type is JSON, else the raw text (as in the official
 * client); `code` and `message` are the body's, or `UnknownError` and a default by status.
 */
export declare function responseError(res: AttemptResponse, line: RequestLine): TaskclusterError;
/**
 * The result of an answer (2xx or 3xx; see isAnswerStatus): the parsed body when the content
 * type is JSON and the body is non-empty, else undefined, as the official client resolves,
 * for entries with and without an output schema. Two cases throw `InvalidResponseBody`
 * instead: a JSON content type with a body that does not parse (the official client rejects
 * too), and an entry that declares an output schema answered without a JSON body (its method
 * promises that output; resolving undefined would fail later, far from the cause).
 */
export declare function responseResult(entry: EntryDefinition, res: AttemptResponse, line: RequestLine): unknown;
/** 5xx and 429 are worth another attempt; other statuses are final. */
export declare function isRetriableStatus(statusCode: number): boolean;
