import { differenceInCalendarDays, parseISO } from 'date-fns';
import { LISTING_DEFAULT_DAYS, LISTING_MAX_DAYS } from './constants.js';
import { localDate } from './validity.js';

/** How many calendar days `from`..`to` (inclusive, `YYYY-MM-DD`) covers; < 1 when reversed. */
export function listingWindowDays(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from)) + 1;
}

/** A resolved listing window: inclusive local calendar days. */
export interface ListingWindow {
  from: string;
  to: string;
}

// Calendar arithmetic on `YYYY-MM-DD` in UTC, where every day has 24 hours, so that neither
// DST nor the process's time zone can move the date.
function shiftIsoDate(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * Fills a listing query's missing dates from the server clock: `to` defaults to today (local),
 * `from` to 7 days ending on `to`. Returns `listing_window_too_long` when the result spans
 * more than 30 days (e.g. only `from`, long ago).
 */
export function resolveListingWindow(
  query: { from?: string | undefined; to?: string | undefined },
  now: Date,
): ListingWindow | 'listing_window_too_long' | 'listing_window_reversed' {
  const to = query.to ?? localDate(now);
  const from = query.from ?? shiftIsoDate(to, -(LISTING_DEFAULT_DAYS - 1));
  const days = listingWindowDays(from, to);
  if (days < 1) return 'listing_window_reversed';
  if (days > LISTING_MAX_DAYS) return 'listing_window_too_long';
  return { from, to };
}
