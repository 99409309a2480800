import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIME_ZONE } from './constants.js';
import {
  isCancellable,
  isExpired,
  localDate,
  provisionalPlateExpiry,
  transitExpiry,
} from './validity.js';

/** The local wall-clock of an instant in Montréal, `YYYY-MM-DD HH:mm:ss`. */
function wallClock(instant: Date): string {
  const local = new TZDate(instant, TIME_ZONE);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${localDate(instant)} ${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}`;
}

/** The calendar day `days` after a `YYYY-MM-DD` day, by plain calendar arithmetic. */
function calendarDayAfter(day: string, days: number): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// 2020..2035, to cross many DST changes in both directions.
const anyInstant = fc.date({
  min: new Date('2020-01-01T00:00:00Z'),
  max: new Date('2035-12-31T00:00:00Z'),
  noInvalidDate: true,
});
/** Instants on the 2026 DST change days in Montréal (local midnight to midnight). */
const dstDayInstant = fc.oneof(
  fc.date({
    min: new Date('2026-03-08T05:00:00Z'),
    max: new Date('2026-03-09T03:59:59Z'),
    noInvalidDate: true,
  }),
  fc.date({
    min: new Date('2026-11-01T04:00:00Z'),
    max: new Date('2026-11-02T04:59:59Z'),
    noInvalidDate: true,
  }),
);

describe('transitExpiry', () => {
  it('ends at 23:59:59 local on the Nth day after issue', () => {
    // Monday 10:00 EST -> Friday 23:59:59 EST.
    expect(wallClock(transitExpiry(new Date('2026-01-05T15:00:00Z'), 4))).toBe(
      '2026-01-09 23:59:59',
    );
    // Issued late evening local, already the next day in UTC: the local day counts.
    expect(wallClock(transitExpiry(new Date('2026-01-06T04:30:00Z'), 4))).toBe(
      '2026-01-09 23:59:59',
    );
  });

  it('keeps 23:59:59 local across the spring and autumn DST changes', () => {
    // Issued before the spring change (EST), expires after it (EDT, UTC-4).
    expect(transitExpiry(new Date('2026-03-06T15:00:00Z'), 4).toISOString()).toBe(
      '2026-03-11T03:59:59.000Z',
    );
    // Issued on the autumn change day itself, expires in EST (UTC-5).
    expect(transitExpiry(new Date('2026-11-01T12:00:00Z'), 10).toISOString()).toBe(
      '2026-11-12T04:59:59.000Z',
    );
  });

  for (const days of [4, 10] as const) {
    it(`is after issue and on the right local day for ${String(days)} days, DST days included`, () => {
      fc.assert(
        fc.property(fc.oneof(anyInstant, dstDayInstant), (issuedAt) => {
          const expiry = transitExpiry(issuedAt, days);
          expect(expiry.getTime()).toBeGreaterThan(issuedAt.getTime());
          expect(wallClock(expiry)).toBe(`${calendarDayAfter(localDate(issuedAt), days)} 23:59:59`);
        }),
      );
    });
  }
});

describe('provisionalPlateExpiry', () => {
  it('ends at 23:59:59 local on the 45th day after issue, across DST', () => {
    expect(wallClock(provisionalPlateExpiry(new Date('2026-10-20T15:00:00Z')))).toBe(
      '2026-12-04 23:59:59',
    );
    fc.assert(
      fc.property(fc.oneof(anyInstant, dstDayInstant), (issuedAt) => {
        const expiry = provisionalPlateExpiry(issuedAt);
        // 45 calendar days: at least 45 x 24 h, less the second that 23:59:59 leaves out and the
        // hour a spring DST change removes.
        expect(expiry.getTime() - issuedAt.getTime()).toBeGreaterThanOrEqual(
          45 * 24 * 3600 * 1000 - 3600 * 1000 - 1000,
        );
        expect(wallClock(expiry)).toBe(`${calendarDayAfter(localDate(issuedAt), 45)} 23:59:59`);
      }),
    );
  });
});

describe('isExpired', () => {
  it('is expired only strictly after the expiry instant', () => {
    const expiry = new Date('2026-01-09T04:59:59Z');
    expect(isExpired(expiry, new Date('2026-01-09T04:59:59Z'))).toBe(false);
    expect(isExpired(expiry, new Date('2026-01-09T05:00:00Z'))).toBe(true);
    expect(isExpired(undefined, new Date('2099-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('isCancellable', () => {
  it('allows the same local day before 23:00 only', () => {
    const confirmedAt = new Date('2026-06-10T14:00:00Z'); // 10:00 EDT
    expect(isCancellable(confirmedAt, new Date('2026-06-11T02:59:59Z'))).toBe(true); // 22:59:59
    expect(isCancellable(confirmedAt, new Date('2026-06-11T03:00:00Z'))).toBe(false); // 23:00
    expect(isCancellable(confirmedAt, new Date('2026-06-11T14:00:00Z'))).toBe(false); // next day
  });
});
