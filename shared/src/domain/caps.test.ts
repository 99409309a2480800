import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capGrantExpiry, capRefusal, defaultTransitCap, transitLimitRefusal } from './caps.js';

describe('transitLimitRefusal', () => {
  it('allows the 2nd transit per customer and the 4th per vehicle, not more', () => {
    expect(transitLimitRefusal({ sameCustomerCount12m: 1, vehicleCount12m: 3 })).toBeNull();
    expect(transitLimitRefusal({ sameCustomerCount12m: 2, vehicleCount12m: 2 })).toBe(
      'transit_limit_customer',
    );
    expect(transitLimitRefusal({ sameCustomerCount12m: 0, vehicleCount12m: 4 })).toBe(
      'transit_limit_vehicle',
    );
    expect(transitLimitRefusal({ sameCustomerCount12m: 2, vehicleCount12m: 4 })).toBe(
      'transit_limit_customer',
    );
  });
});

describe('defaultTransitCap', () => {
  it('is max(30, annual sales / 52) per week', () => {
    expect(defaultTransitCap({ annualSales: 0 })).toBe(30);
    expect(defaultTransitCap({ annualSales: 1560 })).toBe(30);
    expect(defaultTransitCap({ annualSales: 5200 })).toBe(100);
    expect(defaultTransitCap({ annualSales: 5201 })).toBe(101);
  });

  it('never falls under 30 and never decreases with more sales', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1000), (sales, more) => {
        const cap = defaultTransitCap({ annualSales: sales });
        expect(cap).toBeGreaterThanOrEqual(30);
        expect(defaultTransitCap({ annualSales: sales + more })).toBeGreaterThanOrEqual(cap);
      }),
    );
  });
});

describe('capRefusal', () => {
  it('refuses at the cap unless staff approved more', () => {
    expect(capRefusal(29, 30)).toBeNull();
    expect(capRefusal(30, 30)).toBe('transit_cap_reached');
    expect(capRefusal(30, 30, 5)).toBeNull();
  });
});

describe('capGrantExpiry', () => {
  it('keeps approved extra units for the 7 days after approval', () => {
    expect(capGrantExpiry(new Date('2026-03-10T15:00:00.000Z')).toISOString()).toBe(
      '2026-03-17T15:00:00.000Z',
    );
  });

  it('counts approved extra units on top of the cap', () => {
    expect(capRefusal(30, 30, 5)).toBeNull();
    expect(capRefusal(35, 30, 5)).toBe('transit_cap_reached');
  });
});
