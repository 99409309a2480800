import {
  newId,
  partyName,
  type Party,
  type PlateOrder,
  type RegistrationRequest,
} from '@comptoir/shared';
import {
  findPlateOrderOfRegistration,
  insertPlateOrder,
  updatePlateOrder,
} from '../../registry/plate-orders.repo.js';
import { enqueueOutbox, withdrawWaitingOutbox } from '../../registry/server-outbox.repo.js';
import type { AnyCommandContext } from '../registry-records.js';

/*
 * The metal plate of a registration (docs/plates-by-mail.md): ordered from the supplier in
 * the confirmation's transaction, through the server's outbox, so that a confirmation that
 * commits always has its order and a rolled-back one never sends any.
 */

/** Records the order and puts it in the outbox, in the confirmation's transaction. */
export async function orderMetalPlate(
  c: AnyCommandContext,
  order: {
    registrationNumber: string;
    plateNumber: string;
    holder: Party;
    provisionalExpiresAt: Date;
    clientNotice: RegistrationRequest['clientNotice'];
  },
): Promise<string> {
  const id = newId();
  const at = c.now.toISOString();
  await insertPlateOrder(c.tx, {
    id,
    registration_number: order.registrationNumber,
    licence: c.licence.number,
    plate_number: order.plateNumber,
    state: 'ordered',
    refusal_reason: null,
    tracking_number: null,
    confirmed_at: at,
    provisional_expires_at: order.provisionalExpiresAt.toISOString(),
    cancel_requested_at: null,
    client_email: order.clientNotice?.email ?? null,
    client_language: order.clientNotice?.language ?? null,
    updated_at: at,
  });
  const sent: PlateOrder = {
    orderId: id,
    plateNumber: order.plateNumber,
    recipient: { name: partyName(order.holder), address: order.holder.address },
    orderedAt: at,
  };
  await enqueueOutbox(c.tx, { topic: 'plate.order', subject: id, payload: sent, at: c.now });
  return id;
}

/**
 * What a cancellation did to the metal plate: `cancelled` (not sent yet, or refused),
 * `cancellation_requested` (the supplier has it and has not said it made it: the outbox asks
 * it to cancel), `already_made` (the supplier made it: it will not be mailed, nothing to
 * undo), or `none` (no order: a registration confirmed before plates by mail).
 */
export type MetalPlateCancellation =
  'cancelled' | 'cancellation_requested' | 'already_made' | 'none';

/** Cancels the metal plate of a registration being cancelled (same transaction). */
export async function cancelMetalPlate(
  c: AnyCommandContext,
  registrationNumber: string,
): Promise<MetalPlateCancellation> {
  const order = await findPlateOrderOfRegistration(c.tx, registrationNumber);
  if (!order) return 'none';
  const at = c.now.toISOString();
  await updatePlateOrder(c.tx, order.id, { cancel_requested_at: at, updated_at: at });
  const isWithdrawn =
    order.state === 'ordered' &&
    (await withdrawWaitingOutbox(c.tx, 'plate.order', order.id, c.now));
  if (isWithdrawn || order.state === 'refused') {
    await updatePlateOrder(c.tx, order.id, { state: 'cancelled', updated_at: at });
    return 'cancelled';
  }
  if (order.state === 'ordered' || order.state === 'accepted') {
    await enqueueOutbox(c.tx, {
      topic: 'plate.cancel',
      subject: order.id,
      payload: { orderId: order.id },
      at: c.now,
    });
    return 'cancellation_requested';
  }
  return 'already_made';
}
