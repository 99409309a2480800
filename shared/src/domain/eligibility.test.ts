import { describe, expect, it } from 'vitest';
import { vehicleTypes } from '../schemas/vehicle.schema.js';
import {
  cancellationDeadline,
  onlineRegistrationRefusal,
  onlineRegistrationRefusalPaths,
  transitRefusal,
} from './eligibility.js';
import { isCancellable } from './validity.js';

describe('onlineRegistrationRefusal', () => {
  it('allows a single-owner car, light truck or SUV under 4,000 kg', () => {
    for (const type of ['automobile', 'light_truck', 'suv'] as const) {
      expect(onlineRegistrationRefusal({ type, netMassKg: 3999 }, 1)).toBeNull();
    }
  });

  it('refuses every other type', () => {
    const others = vehicleTypes.filter(
      (type) => !['automobile', 'light_truck', 'suv'].includes(type),
    );
    expect(others).toHaveLength(8);
    for (const type of others) {
      expect(onlineRegistrationRefusal({ type, netMassKg: 1000 }, 1)).toBe(
        'registration_vehicle_type',
      );
    }
  });

  it('refuses 4,000 kg and more ("under 4,000 kg")', () => {
    expect(onlineRegistrationRefusal({ type: 'light_truck', netMassKg: 4000 }, 1)).toBe(
      'registration_too_heavy',
    );
  });

  it('refuses a co-owned vehicle', () => {
    expect(onlineRegistrationRefusal({ type: 'suv', netMassKg: 2000 }, 2)).toBe(
      'registration_co_owned',
    );
  });
});

describe('transitRefusal', () => {
  it('refuses all-terrain vehicles and snowmobiles', () => {
    expect(transitRefusal({ type: 'atv', netMassKg: 300 })).toBe('transit_forbidden_category');
    expect(transitRefusal({ type: 'snowmobile', netMassKg: 250 })).toBe(
      'transit_forbidden_category',
    );
  });

  it('refuses the forbidden categories and allows normal vehicles', () => {
    for (const category of [
      'total_loss',
      'severely_damaged',
      'off_road_no_inspection',
      'home_built',
    ] as const) {
      expect(transitRefusal({ type: 'automobile', netMassKg: 1500, category })).toBe(
        'transit_forbidden_category',
      );
    }
    expect(transitRefusal({ type: 'automobile', netMassKg: 1500, category: 'normal' })).toBeNull();
    expect(transitRefusal({ type: 'motorhome', netMassKg: 6000 })).toBeNull();
  });
});

describe('cancellationDeadline', () => {
  it('is 23:00 local on the day of confirmation (EDT and EST)', () => {
    // 10:00 EDT (UTC-4) -> 23:00 EDT = 03:00Z the next day.
    expect(cancellationDeadline(new Date('2026-07-15T14:00:00Z')).toISOString()).toBe(
      '2026-07-16T03:00:00.000Z',
    );
    // 10:00 EST (UTC-5) -> 23:00 EST = 04:00Z the next day.
    expect(cancellationDeadline(new Date('2026-01-15T15:00:00Z')).toISOString()).toBe(
      '2026-01-16T04:00:00.000Z',
    );
  });

  it('takes the local day, not the UTC day (21:30 local is already tomorrow in UTC)', () => {
    expect(cancellationDeadline(new Date('2026-03-11T01:30:00Z')).toISOString()).toBe(
      '2026-03-11T03:00:00.000Z',
    );
  });

  it('agrees with isCancellable on either side of the deadline', () => {
    const confirmedAt = new Date('2026-11-02T13:00:00Z');
    const deadline = cancellationDeadline(confirmedAt);
    expect(isCancellable(confirmedAt, new Date(deadline.getTime() - 1))).toBe(true);
    expect(isCancellable(confirmedAt, deadline)).toBe(false);
  });
});

describe('onlineRegistrationRefusalPaths', () => {
  it('points every refusal at a field of the request', () => {
    expect(onlineRegistrationRefusalPaths).toEqual({
      registration_vehicle_type: 'vehicle.type',
      registration_too_heavy: 'vehicle.netMassKg',
      registration_co_owned: 'buyers',
    });
  });
});
