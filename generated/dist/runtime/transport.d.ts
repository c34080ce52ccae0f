import type { Dispatcher } from 'undici';
export interface AttemptRequest {
  /** undici only; the fetch transport has none and ignores it. */
  dispatcher: Dispatcher | undefined;
  origin: string;
  /** Path and query as sent on the request line (and signed). */
  path: string;
  method: Dispatcher.HttpMethod;
  headers: Record<string, string>;
  body: string | undefined;
  /** ms */
  timeout: number;
  signal: AbortSignal | undefined;
  /** Read the body as bytes (entries whose output is a blob); `text` is then only set for errors. */
  binary?: boolean | undefined;
}
export interface AttemptResponse {
  statusCode: number;
  /** Lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body, when the request was `binary`. */
  bytes?: ArrayBuffer | undefined;
}
/** A failure without a usable response: connection error or timeout. */
export declare class TransportFailure extends Error {
  readonly timedOut: boolean;
  readonly transportCode: string;
  constructor(
    timedOut: boolean,
    transportCode: string,
    options: {
      cause: unknown;
    },
  );
}
export type Attempt = (req: AttemptRequest) => Promise<AttemptResponse>;
/** The connection pool a client makes for itself when given none (undefined where there is no such thing). */
export type CreateDispatcher = () => Dispatcher | undefined;
