import type { Dispatcher } from 'undici';
export interface AttemptRequest {
  dispatcher: Dispatcher;
  origin: string;
  /** Path and query as sent on the request line (and signed). */
  path: string;
  method: Dispatcher.HttpMethod;
  headers: Record<string, string>;
  body: string | undefined;
  timeout: number;
  signal: AbortSignal | undefined;
}
export interface AttemptResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
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
export declare function attempt(req: AttemptRequest): Promise<AttemptResponse>;
