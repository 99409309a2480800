import { describe, expect, it } from 'vitest';
import { nextPlateState, plateLateReasons } from './plate-delivery.js';
import { s10CheckDigit, signSupplierEvent, trackingNumberSchema } from './plate-supplier.schema.js';

const DAY = 24 * 3600_000;

describe('tracking numbers (UPU S10)', () => {
  it("computes the check digit of Canada Post's published example", () => {
    // RR473124829CA: serial 47312482, check digit 9.
    expect(s10CheckDigit('47312482')).toBe(9);
    expect(trackingNumberSchema.safeParse('rr473124829ca').success).toBe(true);
    expect(trackingNumberSchema.safeParse('RR473124828CA').success).toBe(false);
  });
});

describe('late plates', () => {
  const confirmedAt = new Date('2026-03-10T15:00:00Z');
  const provisionalExpiresAt = new Date(confirmedAt.getTime() + 45 * DAY);

  it('is late 20 days after confirmation, and again when the provisional plate nears its end', () => {
    const plate = { state: 'shipped' as const, confirmedAt, provisionalExpiresAt };
    expect(plateLateReasons(plate, new Date(confirmedAt.getTime() + 19 * DAY))).toEqual([]);
    expect(plateLateReasons(plate, new Date(confirmedAt.getTime() + 20 * DAY))).toEqual([
      'not_delivered_20_days',
    ]);
    expect(plateLateReasons(plate, new Date(confirmedAt.getTime() + 38 * DAY))).toEqual([
      'not_delivered_20_days',
      'provisional_expiring',
    ]);
  });

  it('is late from the day it comes back to the supplier', () => {
    const plate = { state: 'returned' as const, confirmedAt, provisionalExpiresAt };
    expect(plateLateReasons(plate, new Date(confirmedAt.getTime() + 12 * DAY))).toEqual([
      'returned_to_sender',
    ]);
    expect(plateLateReasons(plate, new Date(confirmedAt.getTime() + 20 * DAY))).toEqual([
      'returned_to_sender',
      'not_delivered_20_days',
    ]);
  });

  it('is never late once delivered or cancelled', () => {
    const later = new Date(confirmedAt.getTime() + 40 * DAY);
    for (const state of ['delivered', 'cancelled'] as const) {
      expect(plateLateReasons({ state, confirmedAt, provisionalExpiresAt }, later)).toEqual([]);
    }
  });
});

describe("a plate's journey", () => {
  it('only goes forward', () => {
    expect(nextPlateState('accepted', 'made')).toBe('made');
    expect(nextPlateState('shipped', 'made')).toBeNull();
    expect(nextPlateState('shipped', 'returned')).toBe('returned');
    expect(nextPlateState('refused', 'made')).toBeNull();
    // A cancellation that came too late: the supplier made it anyway.
    expect(nextPlateState('cancelled', 'made')).toBe('made');
    expect(nextPlateState('cancelled', 'shipped')).toBeNull();
  });
});

describe('the webhook signature', () => {
  it('signs the timestamp with the body, so neither can change alone', async () => {
    const signature = await signSupplierEvent('secret', 1_700_000_000, '{"a":1}');
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(await signSupplierEvent('secret', 1_700_000_001, '{"a":1}')).not.toBe(signature);
    expect(await signSupplierEvent('secret', 1_700_000_000, '{"a":2}')).not.toBe(signature);
    expect(await signSupplierEvent('other', 1_700_000_000, '{"a":1}')).not.toBe(signature);
  });
});
