import {
  type AppliedResult,
  localDate,
  partyName,
  quebecLicenceOf,
  reject,
} from '@comptoir/shared';
import { insertInventoryRecord } from '../../registry/inventory.repo.js';
import { isRegistrationBlocked, transferOwnership } from '../../registry/vehicles.repo.js';
import type { CommandContext } from '../command-context.js';
import { issueDocument } from '../issue-document.js';
import { rejectVehicleMismatch } from '../vehicle-authority.js';
import { drawTransactionNumber, employeeSignature, printedVehicle } from '../registry-records.js';

/**
 * `inventory.record` (queued; accredited employees): records a vehicle into the dealer's
 * inventory (enregistrer, docs/domain.md#inventory-record-enregistrer): the registry shows the
 * dealer as its owner from today, with no plate and no right to drive, and a proof of
 * registration (preuve d'enregistrement) is issued under a new transaction number
 * (`E-2026-000001`). A seller who is a person must
 * have the right to register (Highway Safety Code s.194 blocks transfers too).
 */
export async function recordInventory(
  c: CommandContext<'inventory.record'>,
): Promise<AppliedResult> {
  const { tx, now, licence, actor, command } = c;
  const { payload } = command;
  const { seller } = payload;
  await rejectVehicleMismatch(tx, payload.vehicle, 'payload.vehicle');
  // The registry knows Québec licences only: a seller from elsewhere has no right to check here.
  const sellerLicence = seller?.kind === 'person' ? quebecLicenceOf(seller) : undefined;
  if (sellerLicence !== undefined && (await isRegistrationBlocked(tx, sellerLicence))) {
    reject('right_to_register_blocked', ['payload.seller.driverLicence']);
  }
  const number = await drawTransactionNumber(c, 'E');
  await transferOwnership(
    tx,
    payload.vehicle,
    { name: licence.dealer.name, driverLicence: null },
    localDate(now),
  );
  await insertInventoryRecord(tx, {
    number,
    licence: licence.number,
    dealerId: licence.dealer.id,
    commandId: command.id,
    record: payload,
    recordedBy: actor.id,
    recordedAt: now.toISOString(),
  });
  const vehicle = printedVehicle(payload.vehicle);
  const proof = await issueDocument(c, {
    kind: 'proof_of_registration',
    vin: vehicle.vin,
    customerKey: null,
    build: (common) => ({
      ...common,
      kind: 'proof_of_registration',
      vehicle: {
        ...vehicle,
        condition: payload.vehicle.condition,
        odometerKm: payload.vehicle.odometerKm,
      },
      transactionNumber: number,
      acquiredOn: payload.acquiredOn,
      ...(seller && { seller: { name: partyName(seller) } }),
      employeeSignature: employeeSignature(c),
    }),
  });
  await c.batch.audit.append(tx, {
    event: 'inventory.recorded',
    actor: actor.id,
    licence: licence.number,
    subject: number,
    detail: { commandId: command.id, vin: vehicle.vin, document: proof.number },
  });
  return { documents: [proof], transaction: { number, type: 'inventory', status: 'recorded' } };
}
