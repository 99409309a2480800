import { storedCommandStatus } from '../../registry/idempotency.repo.js';
import { reject, type AppliedResult } from '@comptoir/shared';
import type { CommandContext } from '../command-context.js';
import { drawTransactionNumber } from '../registry-records.js';
import {
  findRegistrationBySave,
  insertHeldRegistration,
  recordHoldSave,
  updateHeldRequest,
} from '../../registry/registrations.repo.js';
import { rejectBlockedRightToRegister, transactionOf } from './registration-rules.js';
import { rejectVehicleMismatch } from '../vehicle-authority.js';
import { followedAtacNumber } from '../atac/follows-atac.js';

/**
 * `registration.hold` (queued): saves a registration on hold under a new server number, or,
 * when the envelope `supersedes` an earlier save of a registration still on hold, replaces its
 * content under the same number (an edit). Superseding a save that the server refused starts a
 * new registration (the refused save created nothing); superseding an unknown save is refused.
 * Idempotent through the pipeline: a replayed command returns its stored result.
 */
export async function holdRegistration(
  c: CommandContext<'registration.hold'>,
): Promise<AppliedResult> {
  const { tx, now, licence, actor, command } = c;
  await rejectVehicleMismatch(tx, command.payload.vehicle, 'payload.vehicle');
  // Before the form goes any further: a blocked buyer is told at the desk, not at confirmation.
  await rejectBlockedRightToRegister(tx, command.payload, 'payload');
  // The registry keeps the ATAC's number (resolved from a command id typed offline), which
  // the certificate prints at confirmation.
  const atacNumber =
    (await followedAtacNumber(c, {
      commandId: command.id,
      link: command.payload.followsAtac,
      vin: command.payload.vehicle.vin,
    })) ?? command.payload.atacNumber;
  const request = { ...command.payload, ...(atacNumber !== undefined && { atacNumber }) };
  const save = { request, holdCommandId: command.id, at: now.toISOString() };
  if (command.supersedes !== undefined) {
    const held = await findRegistrationBySave(tx, command.supersedes);
    if (held && held.licence === licence.number) {
      if (held.status !== 'on_hold') reject('registration_not_on_hold', ['supersedes']);
      await updateHeldRequest(tx, held.number, save);
      await recordHold(c, held.number, 'registration.edited');
      return { documents: [], transaction: transactionOf(held.number, 'on_hold') };
    }
    const superseded = await storedCommandStatus(tx, command.supersedes, actor.id);
    if (superseded !== 'rejected') reject('registration_hold_unknown', ['supersedes']);
  }
  const number = await drawTransactionNumber(c, 'R');
  await insertHeldRegistration(tx, {
    ...save,
    number,
    licence: licence.number,
    dealerId: licence.dealer.id,
    createdBy: actor.id,
  });
  await recordHold(c, number, 'registration.held');
  return { documents: [], transaction: transactionOf(number, 'on_hold') };
}

/** Records the save (so that a later edit may name it) and audits it. */
async function recordHold(
  c: CommandContext<'registration.hold'>,
  number: string,
  event: string,
): Promise<void> {
  await recordHoldSave(c.tx, c.command.id, number);
  await c.batch.audit.append(c.tx, {
    event,
    actor: c.actor.id,
    licence: c.licence.number,
    subject: number,
    detail: {
      commandId: c.command.id,
      vin: c.command.payload.vehicle.vin,
      ...(c.command.supersedes !== undefined && { supersedes: c.command.supersedes }),
    },
  });
}
