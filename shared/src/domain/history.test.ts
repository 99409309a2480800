import { describe, expect, it } from 'vitest';
import { historyFlagsOf, ownershipPeriod } from './history.js';

describe('ownershipPeriod', () => {
  it('shows the years spanned and the length, never more', () => {
    expect(ownershipPeriod('2023-03-01', '2025-06-30', '2026-03-10')).toEqual({
      fromYear: 2023,
      toYear: 2025,
      years: 2.3,
    });
  });

  it('counts a current ownership up to today', () => {
    expect(ownershipPeriod('2025-03-10', null, '2026-03-10')).toEqual({
      fromYear: 2025,
      toYear: null,
      years: 1,
    });
  });

  it('never answers a negative length for dates in the wrong order', () => {
    expect(ownershipPeriod('2026-01-01', '2025-01-01', '2026-03-10').years).toBe(0);
  });
});

describe('historyFlagsOf', () => {
  it('raises the category of a damaged vehicle and nothing for a normal one', () => {
    expect(historyFlagsOf('total_loss')).toEqual(['total_loss']);
    expect(historyFlagsOf('normal')).toEqual([]);
    expect(historyFlagsOf(undefined)).toEqual([]);
  });
});
