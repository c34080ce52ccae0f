// Backoff and cancellable sleeps. The delay formula is the official client's retry.js:
// after failed attempt n (1-based), delayFactor * 2^n * (1 - rf + 2 * rf * random),
// capped at maxDelay; `retries: 5` means up to 6 attempts.

export interface RetryOptions {
  retries: number;
  delayFactor: number;
  randomizationFactor: number;
  maxDelay: number;
}

export const RETRY_DEFAULTS: Readonly<RetryOptions> = Object.freeze({
  retries: 5,
  delayFactor: 100,
  randomizationFactor: 0.25,
  maxDelay: 30_000,
});

/** Delay in ms before the attempt that follows failed attempt `attempt` (1-based). */
export function backoffDelay(attempt: number, options: RetryOptions, random: number = Math.random()): number {
  const rf = options.randomizationFactor;
  const delay = 2 ** attempt * options.delayFactor * (random * 2 * rf + 1 - rf);
  return Math.min(delay, options.maxDelay);
}

/**
 * Delay asked for by a `Retry-After` header (delta-seconds or an HTTP date), capped at
 * maxDelay; undefined when absent or unreadable so the caller falls back to backoff.
 */
export function retryAfterDelay(
  header: string | string[] | undefined,
  maxDelay: number,
  now = Date.now(),
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  let ms: number;
  if (/^\s*\d+\s*$/.test(value)) {
    ms = Number(value) * 1000;
  } else {
    const date = Date.parse(value);
    if (Number.isNaN(date)) return undefined;
    ms = Math.max(0, date - now);
  }
  return Math.min(ms, maxDelay);
}

/** Sleep that rejects with the signal's reason as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** What an aborted call rejects with: the signal's reason, as fetch() does. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

export function validateRetryOptions(options: RetryOptions & { timeout: number }): void {
  const { retries, delayFactor, randomizationFactor, maxDelay, timeout } = options;
  if (!Number.isInteger(retries) || retries < 0) throw new TypeError('retries must be an integer >= 0');
  if (!(delayFactor >= 0)) throw new TypeError('delayFactor must be a number >= 0');
  // Same bound as the official client.
  if (!(randomizationFactor >= 0 && randomizationFactor < 1)) {
    throw new TypeError('randomizationFactor must be in [0, 1)');
  }
  if (!(maxDelay >= 0)) throw new TypeError('maxDelay must be a number >= 0');
  if (!(timeout > 0)) throw new TypeError('timeout must be a number > 0');
}
