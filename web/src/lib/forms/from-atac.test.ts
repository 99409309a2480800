import { atacCreateSchema, registrationRequestSchema, transitIssueSchema } from '@comptoir/shared';
import { sampleDocument } from '@comptoir/shared/documents';
import { describe, expect, it } from 'vitest';
import { makeAtacPayload, makePerson } from '../testing/command.factory';
import { registrationValuesFromSale, saleOf, transitValuesFromSale } from './from-atac';
import { toRegistrationInput } from './registration.form';
import { toTransitInput } from './transit.form';

const atac = atacCreateSchema.parse({
  ...makeAtacPayload(1),
  buyers: [makePerson(1), makePerson(2)],
  holderIndex: 1,
});
const commandId = '0192f5c4-5e2b-7000-8000-000000000001';

describe('forms that follow an ATAC', () => {
  it('turn a queued ATAC into a transit held by its holder, linked by command id', () => {
    const sale = saleOf({ kind: 'command', payload: atac, commandId, number: undefined });
    const transit = transitIssueSchema.parse(toTransitInput(transitValuesFromSale(sale)));
    expect(transit.vehicle).toEqual(atac.vehicle);
    expect(transit.holder).toEqual(atac.buyers[1]);
    expect(transit.followsAtac).toEqual({ commandId });
  });

  it('turn an issued ATAC into a registration of the same buyers, linked by number', () => {
    const sale = saleOf({ kind: 'command', payload: atac, commandId, number: 'A-2026-000001' });
    const registration = registrationRequestSchema.parse(
      toRegistrationInput(registrationValuesFromSale(sale)),
    );
    expect(registration.buyers).toEqual(atac.buyers);
    expect(registration.holderIndex).toBe(1);
    expect(registration.followsAtac).toEqual({ number: 'A-2026-000001' });
    expect(registration.tradeIn).toBeUndefined();
  });

  it('read an ATAC document (another kiosk made it): names split, vehicle whole', () => {
    const document = sampleDocument('atac');
    const sale = saleOf({ kind: 'document', document });
    const transit = transitValuesFromSale(sale);
    const holder = document.buyers[document.holderIndex];
    expect(`${transit.holder.firstName} ${transit.holder.lastName}`).toBe(holder?.name);
    expect(transit.holder.driverLicence).toBe(holder?.driverLicence ?? '');
    expect(transit.vehicle.vin).toBe(document.vehicle.vin);
    expect(transit.vehicle.year).toBe(String(document.vehicle.year));
    expect(transit.followsAtac).toEqual({ number: document.number });
  });
});
