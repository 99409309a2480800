/**
 * A per-process, in-memory count of requests per address and purpose in fixed windows: the
 * cheap first line that refuses a flood before the database is touched at all. It is not the
 * policy (the database's counts are, shared by every process); its limits sit well above
 * what any honest dealership sends, and it forgets everything on restart.
 *
 * The table is bounded: at most `maxKeys` addresses per window, after which every unknown
 * address shares one overflow bucket (a spray from many addresses is refused together rather
 * than growing memory).
 *
 * @example
 * const guard = createFloodGuard({ limit: 300, windowMs: 60_000 });
 * if (!guard.admit(clientAddress, Date.now())) return tooManyRequests();
 */
export interface FloodGuard {
  /** Counts one request from `address`; false when its window's limit is already spent. */
  admit(address: string, nowMs: number): boolean;
  /** Milliseconds until the current window ends (a `Retry-After`). */
  retryAfterMs(nowMs: number): number;
}

const OVERFLOW = '\u0000overflow';

/** A guard allowing `limit` requests per address per `windowMs`. */
export function createFloodGuard(options: {
  limit: number;
  windowMs: number;
  maxKeys?: number;
}): FloodGuard {
  const maxKeys = options.maxKeys ?? 10_000;
  let windowStart = 0;
  let counts = new Map<string, number>();
  const roll = (nowMs: number) => {
    if (nowMs - windowStart < options.windowMs) return;
    windowStart = nowMs - (nowMs % options.windowMs);
    counts = new Map();
  };
  return {
    admit(address, nowMs) {
      roll(nowMs);
      const key = counts.has(address) || counts.size < maxKeys ? address : OVERFLOW;
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      const limit = key === OVERFLOW ? options.limit * 10 : options.limit;
      return count <= limit;
    },
    retryAfterMs(nowMs) {
      return Math.max(1000, windowStart + options.windowMs - nowMs);
    },
  };
}
