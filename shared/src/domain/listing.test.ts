import { describe, expect, it } from 'vitest';
import { listingWindowDays, resolveListingWindow } from './listing.js';

describe('listing window', () => {
  it('counts inclusive calendar days, across DST', () => {
    expect(listingWindowDays('2026-03-01', '2026-03-30')).toBe(30);
    expect(listingWindowDays('2026-03-02', '2026-03-01')).toBe(0);
  });

  it('defaults to the last 7 local days from the server clock', () => {
    // 2026-11-27 01:00 UTC is still the 26th in Montréal.
    expect(resolveListingWindow({}, new Date('2026-11-27T01:00:00Z'))).toEqual({
      from: '2026-11-20',
      to: '2026-11-26',
    });
  });

  it('refuses more than 30 days and reversed windows', () => {
    expect(resolveListingWindow({ from: '2026-01-01' }, new Date('2026-03-01T12:00:00Z'))).toBe(
      'listing_window_too_long',
    );
    expect(resolveListingWindow({ from: '2026-02-01', to: '2026-03-02' }, new Date())).toEqual({
      from: '2026-02-01',
      to: '2026-03-02',
    });
    expect(resolveListingWindow({ from: '2026-03-02', to: '2026-03-01' }, new Date())).toBe(
      'listing_window_reversed',
    );
  });
});
