import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../errors.js';
import { makesOfVin } from '../wmi/index.js';
import {
  modelYearOfVin,
  vehicleIssuance,
  vehicleMismatchError,
  vehicleMismatches,
  type VehicleIssuanceFacts,
} from './vehicle-facts.js';

const civic = {
  make: 'Honda',
  model: 'Civic',
  year: 2023,
  type: 'automobile',
  netMassKg: 1300,
} as const;

describe('modelYearOfVin', () => {
  it('reads the 10th character, the latest year not after next year', () => {
    expect(modelYearOfVin('2HGFC2F55PH000101', 2026)).toBe(2023);
    expect(modelYearOfVin('1C4RJFBG4MC001111', 2026)).toBe(2021);
    expect(modelYearOfVin('1HGCM82633A004352', 2026)).toBe(2003);
    // T is 1996 or 2026; V is 1997 or 2027: next year's models are sold from the summer.
    expect(modelYearOfVin('xxxxxxxxxTxxxxxxx', 2026)).toBe(2026);
    expect(modelYearOfVin('xxxxxxxxxVxxxxxxx', 2026)).toBe(2027);
    expect(modelYearOfVin('xxxxxxxxxWxxxxxxx', 2026)).toBe(1998);
  });

  it('is null for a code that names no year', () => {
    expect(modelYearOfVin('xxxxxxxxxUxxxxxxx', 2026)).toBeNull();
    expect(modelYearOfVin('xxxxxxxxx0xxxxxxx', 2026)).toBeNull();
    expect(modelYearOfVin('SHORT', 2026)).toBeNull();
  });
});

describe('makesOfVin', () => {
  it('names the make of a one-make code, every make of a group code, none of an unknown one', () => {
    expect(makesOfVin('2HGFC2F55PH000101')).toEqual(['Honda']);
    expect(makesOfVin('1C4RJFBG4MC001111')).toEqual(['Chrysler', 'Dodge', 'Jeep']);
    expect(makesOfVin('2BPSCEAA1PK000909')).toEqual(['Can-Am', 'Ski-Doo']);
    expect(makesOfVin('ZZZ00000000000000')).toEqual([]);
  });
});

describe('vehicleMismatches', () => {
  it('ignores case, accents and spacing, and lists every contradiction with the registry value', () => {
    expect(vehicleMismatches({ ...civic, make: ' honda', model: 'CIVIC' }, civic)).toEqual([]);
    expect(
      vehicleMismatches(
        { make: 'Ferrari', model: 'F40', year: 1990, type: 'automobile', netMassKg: 1300 },
        civic,
      ),
    ).toEqual([
      { field: 'make', registryValue: 'Honda' },
      { field: 'model', registryValue: 'Civic' },
      { field: 'year', registryValue: 2023 },
    ]);
  });

  it('builds a refusal whose fields and message name the registry values in both languages', () => {
    const error = vehicleMismatchError('payload.vehicle', [
      { field: 'make', registryValue: 'Honda' },
      { field: 'type', registryValue: 'light_truck' },
    ]);
    expect(error.code).toBe('vehicle_mismatch');
    expect(error.fields.map((field) => field.path)).toEqual([
      'payload.vehicle.make',
      'payload.vehicle.type',
    ]);
    expect(error.fields[1]?.message).toEqual({
      fr: 'Le registre indique : Camionnette.',
      en: 'The registry says: Light truck.',
    });
    expect(error.message.fr).toContain('marque Honda, type Camionnette');
    expect(error.message.en).toContain('make Honda, type Light truck');
    expect(errorCatalogue.vehicle_mismatch.fr).not.toBe(errorCatalogue.vehicle_mismatch.en);
  });
});

describe('vehicleIssuance', () => {
  const facts = (change: Partial<VehicleIssuanceFacts> = {}): VehicleIssuanceFacts => ({
    vehicle: { type: 'automobile', netMassKg: 1300, category: 'normal', isCoOwned: false },
    transitsLast12Months: 0,
    isTransitCapReached: false,
    isPlateCapReached: false,
    isLicenceSuspended: false,
    may: { transit: true, registration: true, atac: true },
    ...change,
  });

  it('allows everything for a plain car', () => {
    expect(vehicleIssuance(facts())).toEqual({ transit: null, registration: null, atac: null });
  });

  it('says why each kind is refused', () => {
    const base = facts().vehicle!;
    expect(vehicleIssuance(facts({ vehicle: { ...base, category: 'total_loss' } })).transit).toBe(
      'transit_forbidden_category',
    );
    const sled = vehicleIssuance(facts({ vehicle: { ...base, type: 'snowmobile' } }));
    expect(sled).toMatchObject({
      transit: 'transit_forbidden_category',
      registration: 'registration_vehicle_type',
    });
    expect(vehicleIssuance(facts({ vehicle: { ...base, netMassKg: 4000 } })).registration).toBe(
      'registration_too_heavy',
    );
    expect(vehicleIssuance(facts({ vehicle: { ...base, isCoOwned: true } })).registration).toBe(
      'registration_co_owned',
    );
    expect(vehicleIssuance(facts({ transitsLast12Months: 4 })).transit).toBe(
      'transit_limit_vehicle',
    );
    expect(vehicleIssuance(facts({ isTransitCapReached: true })).transit).toBe(
      'transit_cap_reached',
    );
    expect(
      vehicleIssuance(facts({ may: { transit: true, registration: false, atac: true } })),
    ).toEqual({ transit: null, registration: 'forbidden', atac: null });
  });

  it('issues nothing under a suspended licence', () => {
    expect(vehicleIssuance(facts({ isLicenceSuspended: true }))).toEqual({
      transit: 'licence_suspended',
      registration: 'licence_suspended',
      atac: 'licence_suspended',
    });
  });

  it('knows nothing against an unknown vehicle but the limits', () => {
    expect(vehicleIssuance(facts({ vehicle: null, isPlateCapReached: true }))).toEqual({
      transit: null,
      registration: 'transit_cap_reached',
      atac: null,
    });
  });
});
