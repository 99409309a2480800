import type { VehicleLookup } from '@comptoir/shared';
import { describe, expect, it } from 'vitest';
import { emptyVehicle } from './form-values';
import { autofillVehicle, takeRegistryValues } from './vehicle-autofill';

const allowed = { allowed: true } as const;
const civic: VehicleLookup = {
  vin: '2HGFC2F55PH000101',
  vehicle: {
    make: 'Honda',
    model: 'Civic',
    year: 2023,
    type: 'automobile',
    netMassKg: 1300,
    category: 'normal',
    colour: 'Bleu',
    isCoOwned: false,
  },
  decoded: { modelYear: 2023, makes: ['Honda'] },
  flags: [],
  issuable: { transit: allowed, registration: allowed, atac: allowed },
};

describe('autofillVehicle', () => {
  it('fills an empty form with the registry values', () => {
    const { values, conflicts } = autofillVehicle({ ...emptyVehicle(), vin: civic.vin }, civic);
    expect(values).toMatchObject({
      make: 'Honda',
      model: 'Civic',
      year: '2023',
      type: 'automobile',
      netMassKg: '1300',
      colour: 'Bleu',
    });
    expect(conflicts).toEqual([]);
  });

  it('keeps what was typed against the registry and offers its values', () => {
    const typed = {
      ...emptyVehicle(),
      vin: civic.vin,
      make: 'Ferrari',
      model: 'civic',
      year: '1990',
    };
    const { values, conflicts } = autofillVehicle(typed, civic);
    expect(values.make).toBe('Ferrari');
    expect(conflicts).toEqual([
      { field: 'make', registryValue: 'Honda' },
      { field: 'year', registryValue: '2023' },
    ]);
    expect(takeRegistryValues(values, conflicts)).toMatchObject({ make: 'Honda', year: '2023' });
  });

  it('fills only empty fields from the VIN alone, the make only when the code names one', () => {
    const unknown: VehicleLookup = { ...civic, vehicle: null };
    expect(autofillVehicle(emptyVehicle(), unknown).values).toMatchObject({
      make: 'Honda',
      year: '2023',
      model: '',
    });
    const group: VehicleLookup = {
      ...unknown,
      decoded: { modelYear: 2021, makes: ['Dodge', 'Jeep'] },
    };
    expect(autofillVehicle({ ...emptyVehicle(), year: '2020' }, group).values).toMatchObject({
      make: '',
      year: '2020',
    });
  });
});
