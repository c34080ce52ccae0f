// Backoff and cancellable sleeps. The delay formula is the official client's retry.js:
// after failed attempt n (1-based), delayFactor * 2^n * (1 - rf + 2 * rf * random),
// capped at maxDelay; `retries: 5` means up to 6 attempts.
export const RETRY_DEFAULTS = Object.freeze({
  retries: 5,
  delayFactor: 100,
  randomizationFactor: 0.25,
  maxDelay: 30_000,
});
/** Delay in ms before the attempt that follows failed attempt `attempt` (1-based). */
export function backoffDelay(attempt, options, random = Math.random()) {
  const rf = options.randomizationFactor;
  const delay = 2 ** attempt * options.delayFactor * (random * 2 * rf + 1 - rf);
  return Math.min(delay, options.maxDelay);
}
/**
 * Delay asked for by a `Retry-After` header (delta-seconds or an HTTP date), capped at
 * maxDelay; undefined when absent or unreadable so the caller falls back to backoff.
 */
export function retryAfterDelay(header, maxDelay, now = Date.now()) {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  let ms;
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
export function sleep(ms, signal) {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
/** What an aborted call rejects with: the signal's reason, as fetch() does. */
export function abortReason(signal) {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
export function validateRetryOptions(options) {
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
