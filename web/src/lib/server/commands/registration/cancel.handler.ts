import { type AppliedResult, isCancellable, reject } from '@comptoir/shared';
import { recordBankMovement } from '../../registry/bank.repo.js';
import { isVehicleTouchedSince, markCancelled } from '../../registry/registrations.repo.js';
import { unvoidedDocumentsOf, voidDocument } from '../../registry/documents.repo.js';
import { parseRegistryChange, undoOwnershipTransfer } from '../../registry/vehicles.repo.js';
import type { CommandContext } from '../command-context.js';
import { issueDocument } from '../issue-document.js';
import { employeeSignature, printedVehicle } from '../registry-records.js';
import { cancelMetalPlate } from './metal-plate.js';
import { lockVehicle, registrationOf, transactionOf } from './registration-rules.js';

/** The papers a cancellation voids: the plate and the certificate (the proof of service stays). */
const voidedByCancellation = ['provisional_plate', 'registration_certificate'];

/**
 * `registration.cancel` (online only): a confirmed registration of this licence, the same
 * local day before 23:00, if no later transaction touched the vehicle: a document of another
 * command (ATAC, transit, inventory record, another registration's papers) under any licence,
 * or another registration of the VIN saved since (docs/domain.md#transaction-lifecycle).
 * Voids the plate and certificate (their change counters move so kiosks pull the new status),
 * credits the fee back, undoes the registry transfer, cancels the metal plate if the supplier
 * has not made it (the result's `transaction.metalPlate` says which) and issues the proof of
 * cancellation.
 */
export async function cancelRegistration(
  c: CommandContext<'registration.cancel'>,
): Promise<AppliedResult> {
  const { tx, now, licence, actor, command } = c;
  const { payload } = command;
  const registration = await registrationOf(c, payload.registrationNumber);
  const { confirmedAt } = registration;
  if (registration.status === 'cancelled') {
    reject('registration_already_cancelled', ['payload.registrationNumber']);
  }
  if (registration.status !== 'confirmed' || confirmedAt === null) {
    reject('registration_not_confirmed', ['payload.registrationNumber']);
  }
  if (!isCancellable(new Date(confirmedAt), now)) {
    reject('cancellation_too_late', ['payload.registrationNumber']);
  }
  await lockVehicle(c, registration.vin);
  // The confirmation's own papers do not count (a null id matches no document's).
  const confirmCommandId = registration.confirmCommandId ?? '';
  const touched = await isVehicleTouchedSince(tx, {
    vin: registration.vin,
    registrationNumber: registration.number,
    exceptCommandId: confirmCommandId,
    since: confirmedAt,
  });
  if (touched) reject('cancellation_superseded', ['payload.registrationNumber']);

  const voided = await unvoidedDocumentsOf(tx, confirmCommandId, voidedByCancellation);
  for (const number of voided) {
    await voidDocument(tx, number, await c.batch.nextChangeSeq(tx, licence.number));
    await c.batch.audit.append(tx, {
      event: 'document.voided',
      actor: actor.id,
      licence: licence.number,
      subject: number,
      detail: {
        commandId: command.id,
        reason: 'registration.cancelled',
        registration: registration.number,
      },
    });
  }
  if (registration.feesCents !== null) {
    await recordBankMovement(tx, {
      dealerId: licence.dealer.id,
      licence: licence.number,
      transactionNumber: registration.number,
      direction: 'credit',
      amountCents: registration.feesCents,
      at: now.toISOString(),
    });
  }
  if (registration.registryChangeJson !== null) {
    await undoOwnershipTransfer(tx, parseRegistryChange(registration.registryChangeJson));
  }
  const vehicle = printedVehicle(registration.request.vehicle);
  const proof = await issueDocument(c, {
    kind: 'proof_of_cancellation',
    vin: vehicle.vin,
    customerKey: null,
    build: (common) => ({
      ...common,
      kind: 'proof_of_cancellation',
      vehicle,
      cancelledNumber: registration.number,
      reasonCode: payload.reasonCode,
      ...(payload.reasonText !== undefined && { reasonText: payload.reasonText }),
      ...(registration.plateNumber !== null && { plateNumber: registration.plateNumber }),
      voidedNumbers: voided,
      employeeSignature: employeeSignature(c),
    }),
  });
  const metalPlate = await cancelMetalPlate(c, registration.number);
  await markCancelled(tx, registration.number, {
    commandId: command.id,
    cancelledBy: actor.id,
    at: now.toISOString(),
    reasonCode: payload.reasonCode,
    reasonText: payload.reasonText ?? null,
  });
  await c.batch.audit.append(tx, {
    event: 'registration.cancelled',
    actor: actor.id,
    licence: licence.number,
    subject: registration.number,
    detail: { commandId: command.id, reasonCode: payload.reasonCode, voided, metalPlate },
  });
  return {
    documents: [proof],
    transaction: { ...transactionOf(registration.number, 'cancelled'), metalPlate },
  };
}
