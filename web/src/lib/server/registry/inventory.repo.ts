import type { InventoryRecord } from '@comptoir/shared';
import type { Tx } from '../db/engine.js';

/** A vehicle recorded into a dealer's inventory, as a command stores it. */
export interface NewInventoryRecord {
  /** Server transaction number, `E-2026-000001`. */
  number: string;
  licence: string;
  dealerId: string;
  commandId: string;
  /** The command's payload as applied, kept whole (the VIN and acquisition date are indexed). */
  record: InventoryRecord;
  recordedBy: string;
  /** ISO instant. */
  recordedAt: string;
}

/** Stores an inventory record (its registry ownership change is made by `transferOwnership`). */
export async function insertInventoryRecord(tx: Tx, entry: NewInventoryRecord): Promise<void> {
  await tx
    .insertInto('inventory_records')
    .values({
      number: entry.number,
      licence: entry.licence,
      dealer_id: entry.dealerId,
      vin: entry.record.vehicle.vin,
      command_id: entry.commandId,
      acquired_on: entry.record.acquiredOn,
      record_json: JSON.stringify(entry.record),
      recorded_by: entry.recordedBy,
      recorded_at: entry.recordedAt,
    })
    .execute();
}
