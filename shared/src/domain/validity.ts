import { TZDate } from '@date-fns/tz';
import { addDays, endOfDay } from 'date-fns';
import { PROVISIONAL_PLATE_DAYS, TIME_ZONE } from './constants.js';

/**
 * 23:59:59 (local, America/Montreal) on the `days`-th calendar day after `issuedAt`'s local
 * day. Computed on calendar days in the zone (never by adding 24 h periods), so a DST change
 * in between moves neither the day nor the time of day.
 */
function endOfLocalDayAfter(issuedAt: Date, days: number): Date {
  const local = new TZDate(issuedAt, TIME_ZONE);
  const lastDay = endOfDay(addDays(local, days));
  // endOfDay gives 23:59:59.999; documents print whole seconds, and the expiry must not
  // claim a millisecond that the printed time does not show.
  lastDay.setMilliseconds(0);
  return new Date(lastDay.getTime());
}

/**
 * When a transit certificate expires: 23:59:59 local time on the Nth day after issue
 * (N = 4 or 10), e.g. issued Monday 10:00 for 4 days -> Friday 23:59:59.
 */
export function transitExpiry(issuedAt: Date, days: 4 | 10): Date {
  return endOfLocalDayAfter(issuedAt, days);
}

/**
 * When a provisional plate expires: valid 45 days, and, like the transit, until 23:59:59
 * local time on the 45th calendar day after issue. Decision: the paper is read as "valid
 * until <date>", so the whole last day counts; it never ends before 45 full calendar days
 * (in hours: 45 x 24 h, less the hour a spring DST change removes and the second that the
 * printed 23:59:59 leaves out).
 */
export function provisionalPlateExpiry(issuedAt: Date): Date {
  return endOfLocalDayAfter(issuedAt, PROVISIONAL_PLATE_DAYS);
}

/** True when a document with this expiry is expired at `now` (no expiry: never). */
export function isExpired(expiresAt: Date | undefined, now: Date): boolean {
  return expiresAt !== undefined && now.getTime() > expiresAt.getTime();
}

/** The local calendar day (`YYYY-MM-DD`, America/Montreal) of an instant. */
export function localDate(instant: Date): string {
  const local = new TZDate(instant, TIME_ZONE);
  const month = String(local.getMonth() + 1).padStart(2, '0');
  const day = String(local.getDate()).padStart(2, '0');
  return `${String(local.getFullYear())}-${month}-${day}`;
}

/**
 * Whether a confirmed registration may still be cancelled at `now`: same local day as its
 * confirmation, before 23:00 local.
 */
export function isCancellable(confirmedAt: Date, now: Date): boolean {
  if (localDate(confirmedAt) !== localDate(now)) return false;
  return new TZDate(now, TIME_ZONE).getHours() < 23;
}
