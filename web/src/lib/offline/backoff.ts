/** First retry after about this long. */
export const RETRY_BASE_MS = 2_000;
/** Never wait longer than this between two attempts: a kiosk must catch up soon after the link returns. */
export const RETRY_CAP_MS = 5 * 60_000;

/**
 * Capped exponential backoff with "equal jitter": half the window is fixed, half random, so
 * kiosks of a whole region that lost the link together do not hammer the server in step
 * when it returns, and no retry comes immediately after a failure.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const window = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(window / 2 + random() * (window / 2));
}
