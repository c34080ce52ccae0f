/**
 * A counting semaphore: at most `max` tasks run at once, the rest wait in
 * arrival order. Used to keep a crawl from opening hundreds of requests at once.
 */
export type ConcurrencyLimit = <T>(task: () => Promise<T>) => Promise<T>;

export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be a positive integer, not ${max}`);
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = (): void => {
    const next = waiting.shift();
    // Hand the slot straight to the next waiter so `running` never dips and lets a newcomer jump the queue.
    if (next) next();
    else running--;
  };

  return async (task) => {
    if (running < max) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}
