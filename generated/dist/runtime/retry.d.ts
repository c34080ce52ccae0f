export interface RetryOptions {
  retries: number;
  delayFactor: number;
  randomizationFactor: number;
  maxDelay: number;
}
export declare const RETRY_DEFAULTS: Readonly<RetryOptions>;
/** Delay in ms before the attempt that follows failed attempt `attempt` (1-based). */
export declare function backoffDelay(attempt: number, options: RetryOptions, random?: number): number;
/**
 * Delay asked for by a `Retry-After` header (delta-seconds or an HTTP date), capped at
 * maxDelay; undefined when absent or unreadable so the caller falls back to backoff.
 */
export declare function retryAfterDelay(
  header: string | string[] | undefined,
  maxDelay: number,
  now?: number,
): number | undefined;
/** Sleep that rejects with the signal's reason as soon as `signal` aborts. */
export declare function sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
/** What an aborted call rejects with: the signal's reason, as fetch() does. */
export declare function abortReason(signal: AbortSignal): unknown;
export declare function validateRetryOptions(
  options: RetryOptions & {
    timeout: number;
  },
): void;
