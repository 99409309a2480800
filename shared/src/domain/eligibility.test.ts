import { describe, expect, it } from 'vitest';
import { vehicleTypes } from '../schemas/vehicle.schema.js';
import { onlineRegistrationRefusal, transitRefusal } from './eligibility.js';

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
