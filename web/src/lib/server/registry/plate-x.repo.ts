import type { Address } from '@comptoir/shared';
import type { Tx } from '../db/engine.js';

/*
 * Removable dealer plates (plaques X) ordered by a licence, and where they are mailed.
 */

/** A plate-X order as stored, keyed by the command that placed it. */
export interface PlateXOrder {
  commandId: string;
  licence: string;
  quantity: number;
  plateNumbers: readonly string[];
  /** A copy of the licence's address when ordered: a later move does not redirect these plates. */
  deliveryAddress: Address;
  orderedBy: string;
  /** ISO instant. */
  orderedAt: string;
}

/** Stores a plate-X order with the plate numbers it was given. */
export async function insertPlateXOrder(tx: Tx, order: PlateXOrder): Promise<void> {
  await tx
    .insertInto('plate_x_orders')
    .values({
      command_id: order.commandId,
      licence: order.licence,
      quantity: order.quantity,
      plate_numbers_json: JSON.stringify(order.plateNumbers),
      delivery_address_json: JSON.stringify(order.deliveryAddress),
      ordered_by: order.orderedBy,
      ordered_at: order.orderedAt,
    })
    .execute();
}
