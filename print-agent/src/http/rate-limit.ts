import type { Context, MiddlewareHandler } from 'hono';
import { apiError } from '@comptoir/shared';

/** A token bucket's size and refill rate. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Forgetting idle clients keeps memory flat however many addresses knock. */
const MAX_TRACKED_CLIENTS = 10_000;

/**
 * A token bucket per client address: `burst` requests at once, then `perSecond`. Over the limit
 * answers 429 with `Retry-After`.
 */
export function rateLimit(
  limit: RateLimit,
  clientAddress: (c: Context) => string,
  now: () => number = Date.now,
): MiddlewareHandler {
  const buckets = new Map<string, Bucket>();
  return async (c, next) => {
    const address = clientAddress(c);
    const at = now();
    const bucket = buckets.get(address) ?? { tokens: limit.burst, at };
    bucket.tokens = Math.min(
      limit.burst,
      bucket.tokens + ((at - bucket.at) / 1000) * limit.perSecond,
    );
    bucket.at = at;
    if (bucket.tokens < 1) {
      buckets.set(address, bucket);
      c.header('Retry-After', String(Math.ceil((1 - bucket.tokens) / limit.perSecond)));
      return c.json(apiError('rate_limited'), 429);
    }
    bucket.tokens -= 1;
    if (!buckets.has(address) && buckets.size >= MAX_TRACKED_CLIENTS) buckets.clear();
    buckets.set(address, bucket);
    return next();
  };
}
