import {
  plateOrderRefusalReasons,
  plateOrderStates,
  type PlateDelivery,
  type PlateOrderState,
} from '@comptoir/shared';
import type { Tx } from '../db/engine.js';
import type { PlateOrderTable } from '../db/plates-by-mail.tables.js';

/*
 * The metal plates ordered from the supplier, one per confirmed registration
 * (docs/plates-by-mail.md).
 */

/** A plate order as stored. */
export type PlateOrderRow = PlateOrderTable;

/** Records the order (in the confirmation's transaction). */
export async function insertPlateOrder(tx: Tx, order: PlateOrderRow): Promise<void> {
  await tx.insertInto('plate_orders').values(order).execute();
}

/** An order by its id. */
export function findPlateOrder(tx: Tx, id: string): Promise<PlateOrderRow | undefined> {
  return tx.selectFrom('plate_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The order of a registration (one per confirmation), if any. */
export function findPlateOrderOfRegistration(
  tx: Tx,
  registrationNumber: string,
): Promise<PlateOrderRow | undefined> {
  return tx
    .selectFrom('plate_orders')
    .selectAll()
    .where('registration_number', '=', registrationNumber)
    .executeTakeFirst();
}

/** The orders of several registrations, by registration number. */
export async function plateOrdersOfRegistrations(
  tx: Tx,
  registrationNumbers: readonly string[],
): Promise<Map<string, PlateOrderRow>> {
  if (registrationNumbers.length === 0) return new Map();
  const rows = await tx
    .selectFrom('plate_orders')
    .selectAll()
    .where('registration_number', 'in', [...registrationNumbers])
    .execute();
  return new Map(rows.map((row) => [row.registration_number, row]));
}

/** Changes part of an order. */
export async function updatePlateOrder(
  tx: Tx,
  id: string,
  changes: Partial<
    Pick<
      PlateOrderRow,
      'state' | 'refusal_reason' | 'tracking_number' | 'cancel_requested_at' | 'updated_at'
    >
  >,
): Promise<void> {
  await tx.updateTable('plate_orders').set(changes).where('id', '=', id).execute();
}

/** States where the holder still waits for the plate (candidates for "late"). */
const awaitedStates = ['ordered', 'accepted', 'refused', 'made', 'shipped', 'returned'];

/** Orders still awaited by their holder, of one licence or (staff) of all. */
export function awaitedPlateOrders(
  tx: Tx,
  licences: readonly string[] | 'all',
): Promise<PlateOrderRow[]> {
  let query = tx
    .selectFrom('plate_orders')
    .selectAll()
    .where('state', 'in', awaitedStates)
    .where('cancel_requested_at', 'is', null);
  if (licences !== 'all') {
    if (licences.length === 0) return Promise.resolve([]);
    query = query.where('licence', 'in', [...licences]);
  }
  return query.orderBy('confirmed_at').execute();
}

/** The delivery as the kiosk shows it. */
export function plateDeliveryOf(row: PlateOrderRow): PlateDelivery {
  const state: PlateOrderState = plateOrderStates.find((s) => s === row.state) ?? 'ordered';
  const refusalReason = plateOrderRefusalReasons.find((reason) => reason === row.refusal_reason);
  return {
    orderId: row.id,
    state,
    ...(refusalReason && { refusalReason }),
    ...(row.tracking_number !== null && { trackingNumber: row.tracking_number }),
    isCancelledAfterMade: row.cancel_requested_at !== null && state !== 'cancelled',
    confirmedAt: row.confirmed_at,
    provisionalExpiresAt: row.provisional_expires_at,
    updatedAt: row.updated_at,
  };
}

/** The latest order of a plate number (what `/verifier` shows for a provisional plate). */
export function findPlateOrderOfPlate(
  tx: Tx,
  plateNumber: string,
): Promise<PlateOrderRow | undefined> {
  return tx
    .selectFrom('plate_orders')
    .selectAll()
    .where('plate_number', '=', plateNumber)
    .orderBy('confirmed_at', 'desc')
    .executeTakeFirst();
}
