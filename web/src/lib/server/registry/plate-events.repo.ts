import type { Tx } from '../db/engine.js';

/** Records a supplier event's id: false when it was already received (a replay). */
export async function recordPlateEvent(
  tx: Tx,
  event: { eventId: string; orderId: string; type: string; receivedAt: string },
): Promise<boolean> {
  const result = await tx
    .insertInto('plate_supplier_events')
    .values({
      event_id: event.eventId,
      order_id: event.orderId,
      type: event.type,
      received_at: event.receivedAt,
    })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return result !== undefined;
}
