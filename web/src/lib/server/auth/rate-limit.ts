/**
 * A fixed-window failure counter in memory: enough for one process; several processes each
 * keep their own (a shared store would come with horizontal scaling).
 */
export interface RateLimiter {
  /** True when `key` has used up its failures in the current window. */
  isBlocked(key: string, now: Date): boolean;
  /** Counts one failure for `key`. */
  recordFailure(key: string, now: Date): void;
  /** Forgets `key` (after a success). */
  reset(key: string): void;
}

/** A limiter allowing `maxFailures` per `windowMs`. */
export function createRateLimiter(maxFailures: number, windowMs: number): RateLimiter {
  const windows = new Map<string, { startedAt: number; failures: number }>();
  const current = (key: string, now: Date) => {
    const entry = windows.get(key);
    if (!entry || now.getTime() - entry.startedAt >= windowMs) return undefined;
    return entry;
  };
  return {
    isBlocked(key, now) {
      return (current(key, now)?.failures ?? 0) >= maxFailures;
    },
    recordFailure(key, now) {
      const entry = current(key, now);
      if (entry) entry.failures += 1;
      else windows.set(key, { startedAt: now.getTime(), failures: 1 });
      // Keep memory bounded under a spray of usernames.
      if (windows.size > 10_000) windows.clear();
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
