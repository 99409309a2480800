import {
  inventoryRecordSchema,
  plateXOrderSchema,
  registrationRequestSchema,
  type RegistrationRequest,
} from '@comptoir/shared';
import { describe, expect, it } from 'vitest';
import { makePerson, makeVehicle } from '../testing/command.factory';
import { vehicleValuesOf } from './form-values';
import { emptyInventory, inventoryValuesOf, toInventoryInput } from './inventory.form';
import { emptyPlateX, toPlateXInput } from './platex.form';
import {
  emptyRegistration,
  registrationValuesOf,
  registrationValuesSchema,
  toRegistrationInput,
} from './registration.form';

describe('the registration form', () => {
  const request: RegistrationRequest = registrationRequestSchema.parse({
    vehicle: makeVehicle(1),
    buyers: [makePerson(1), makePerson(2)],
    holderIndex: 1,
    seller: makePerson(3),
    tradeIn: { vin: makeVehicle(4).vin, allowanceCents: 250_050 },
    atacNumber: 'A-2026-000001',
  });

  it('gives back, once corrected, exactly the request that was refused', () => {
    const values = registrationValuesOf(request);
    expect(registrationValuesSchema.parse(values)).toEqual(values);
    expect(registrationRequestSchema.parse(toRegistrationInput(values))).toEqual(request);
  });

  it('leaves out what was not given, so the schema judges only what was typed', () => {
    const input = toRegistrationInput(emptyRegistration());
    expect(Object.keys(input).sort()).toEqual(['buyers', 'holderIndex', 'vehicle']);
    const parsed = registrationRequestSchema.safeParse(input);
    const paths = parsed.error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(paths).toContain('vehicle.vin');
    expect(paths).toContain('buyers.0.driverLicence');
  });

  it('reads a trade-in allowance typed the Québec way', () => {
    const values = {
      ...registrationValuesOf(request),
      tradeInAllowance: '2 500,50',
    };
    expect(toRegistrationInput(values).tradeIn).toEqual({
      vin: makeVehicle(4).vin,
      allowanceCents: 250_050,
    });
  });
});

describe('the inventory form', () => {
  it('treats a blank price as not given, and a typed one as cents', () => {
    const blank = toInventoryInput({
      ...emptyInventory('2026-03-10'),
      vehicle: vehicleValuesOf(makeVehicle(5)),
    });
    expect(blank).not.toHaveProperty('purchasePriceCents');
    const parsed = inventoryRecordSchema.parse(blank);
    const values = inventoryValuesOf({ ...parsed, purchasePriceCents: 1_234_567 });
    expect(values.purchasePrice).toBe('12345.67');
    expect(toInventoryInput(values)).toMatchObject({ purchasePriceCents: 1_234_567 });
  });
});

describe('the plate X form', () => {
  it('orders 1 to 10 plates and names the field otherwise', () => {
    expect(plateXOrderSchema.parse(toPlateXInput(emptyPlateX()))).toEqual({ quantity: 1 });
    const tooMany = plateXOrderSchema.safeParse(toPlateXInput({ quantity: '11' }));
    expect(tooMany.error?.issues[0]?.path).toEqual(['quantity']);
    const blank = plateXOrderSchema.safeParse(toPlateXInput({ quantity: ' ' }));
    expect(blank.success).toBe(false);
  });
});
