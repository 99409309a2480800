import { type AppliedResult, type Party, partyKey, partyName } from '@comptoir/shared';
import { issueDocument } from '../issue-document.js';
import { rejectVehicleMismatch } from '../vehicle-authority.js';
import type { CommandContext } from '../command-context.js';

/**
 * The party as the ATAC keeps it. A person's first and last names are kept apart as well
 * (the paper prints `name`): the transit or registration that follows the ATAC is prefilled
 * from them on any kiosk, and a compound surname cannot be told from one printed name.
 */
function printedParty(party: Party) {
  return party.kind === 'person'
    ? {
        name: partyName(party),
        firstName: party.firstName,
        lastName: party.lastName,
        driverLicence: party.driverLicence,
        address: party.address,
      }
    : { name: partyName(party), neq: party.neq, address: party.address };
}

/**
 * Creates an ATAC (docs/domain.md#atac-sale-attestation): every co-owner recorded with the
 * designated registration holder; on hold or final. The ATAC has no expiry.
 */
export async function createAtac(c: CommandContext<'atac.create'>): Promise<AppliedResult> {
  const { payload } = c.command;
  const { vehicle } = payload;
  await rejectVehicleMismatch(c.tx, vehicle, 'payload.vehicle');
  const holder = payload.buyers[payload.holderIndex];
  const issued = await issueDocument(c, {
    kind: 'atac',
    vin: vehicle.vin,
    customerKey: holder ? partyKey(holder) : null,
    build: (common) => ({
      ...common,
      kind: 'atac',
      transaction: payload.transaction,
      deliveryDate: payload.deliveryDate,
      vehicle: {
        vin: vehicle.vin,
        make: vehicle.make,
        model: vehicle.model,
        year: vehicle.year,
        type: vehicle.type,
        condition: vehicle.condition,
        odometerKm: vehicle.odometerKm,
        netMassKg: vehicle.netMassKg,
        ...(vehicle.colour !== undefined && { colour: vehicle.colour }),
      },
      buyers: payload.buyers.map(printedParty),
      holderIndex: payload.holderIndex,
      amounts: {
        salePriceCents: payload.salePriceCents,
        tradeInCents: payload.tradeInCents,
        gstCents: payload.gstCents,
        qstBaseCents: payload.qstBaseCents,
      },
      status: payload.status ?? 'final',
    }),
  });
  return { documents: [issued] };
}
