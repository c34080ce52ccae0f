import { TaskclusterError } from './errors.js';
import type { AttemptResponse } from './request.js';
import type { EntryDefinition } from './types.js';
export interface RequestLine {
  method: string;
  url: string;
  /** Removed from any text we put in a message. */
  secret: string | undefined;
}
/** The error for a non-2xx response; `body` is the parsed JSON, or the raw text. */
export declare function responseError(res: AttemptResponse, line: RequestLine): TaskclusterError;
/** The result of a 2xx response: the parsed body when the entry has output, else undefined. */
export declare function responseResult(entry: EntryDefinition, res: AttemptResponse, line: RequestLine): unknown;
/** 5xx and 429 are worth another attempt; other statuses are final. */
export declare function isRetriableStatus(statusCode: number): boolean;
