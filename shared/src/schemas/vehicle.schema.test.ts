import { describe, expect, it } from 'vitest';
import { fromZodError } from '../errors.js';
import { aVehicle } from '../testing/factories.js';
import { vehicleSchema, vinSchema } from './vehicle.schema.js';

function failures(result: ReturnType<typeof vehicleSchema.safeParse>): string[] {
  return result.success
    ? []
    : fromZodError(result.error).fields.map((field) => `${field.path}:${field.code}`);
}

describe('vinSchema', () => {
  it('normalizes what a person types', () => {
    expect(vinSchema.parse(' 1hgcm8 2633a 004352')).toBe('1HGCM82633A004352');
  });

  it('reports each VIN problem with its stable code', () => {
    expect(failures(vehicleSchema.safeParse(aVehicle({ vin: '1HGCM82643A004352' })))).toEqual([
      'vin:vin_check_digit',
    ]);
    expect(failures(vehicleSchema.safeParse(aVehicle({ vin: '1HGCM8263' })))).toEqual([
      'vin:vin_length',
    ]);
    expect(failures(vehicleSchema.safeParse(aVehicle({ vin: '1HGCM82633AOQ4352' })))).toEqual([
      'vin:vin_forbidden_letter',
      'vin:vin_forbidden_letter',
    ]);
  });
});

describe('vehicleSchema', () => {
  it('parses a vehicle and round-trips', () => {
    const vehicle = vehicleSchema.parse(aVehicle({ make: '  Honda ' }));
    expect(vehicle.make).toBe('Honda');
    expect(vehicleSchema.parse(JSON.parse(JSON.stringify(vehicle)))).toEqual(vehicle);
  });

  it('refuses unknown fields and reports every failing field at once', () => {
    const result = vehicleSchema.safeParse(
      aVehicle({
        vin: 'nope',
        make: '',
        year: 1800,
        netMassKg: 0,
        odometerKm: -1,
        type: 'boat',
        plate: 'A12 BCD',
      }),
    );
    expect(failures(result)).toEqual([
      'vin:vin_length',
      'make:required',
      'year:too_small',
      'type:invalid_choice',
      'netMassKg:too_small',
      'odometerKm:too_small',
      'plate:unknown_field',
    ]);
  });
});
