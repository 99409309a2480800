import type { InventoryRecord } from '@comptoir/shared';
import { z } from 'zod';
import {
  emptyParty,
  emptyVehicle,
  fromCents,
  partyValuesOf,
  partyValuesSchema,
  toCents,
  toPartyInput,
  toVehicleInput,
  vehicleValuesOf,
  vehicleValuesSchema,
} from './form-values';

/**
 * The draft name a typed inventory record is kept under until its command is queued (stored on the kiosk: a
 * new name would orphan the drafts already kept).
 */
export const INVENTORY_FORM = 'inventory';

/** The inventory record (enregistrement) form as typed. */
export const inventoryValuesSchema = z.object({
  vehicle: vehicleValuesSchema,
  acquiredOn: z.string(),
  hasSeller: z.boolean(),
  seller: partyValuesSchema,
  purchasePrice: z.string(),
});
/** The inventory form as typed. */
export type InventoryValues = z.infer<typeof inventoryValuesSchema>;

/** An empty inventory form, acquired today. */
export function emptyInventory(today: string): InventoryValues {
  return {
    vehicle: emptyVehicle(),
    acquiredOn: today,
    hasSeller: false,
    seller: emptyParty(),
    purchasePrice: '',
  };
}

/** The `inventory.record` payload for the shared schema to parse. */
export function toInventoryInput(values: InventoryValues): Record<string, unknown> {
  return {
    vehicle: toVehicleInput(values.vehicle),
    acquiredOn: values.acquiredOn,
    ...(values.hasSeller ? { seller: toPartyInput(values.seller) } : {}),
    // Blank price means "not given" here (it is optional), not zero.
    ...(values.purchasePrice.trim() ? { purchasePriceCents: toCents(values.purchasePrice) } : {}),
  };
}

/** A queued inventory record back into the form. */
export function inventoryValuesOf(payload: InventoryRecord): InventoryValues {
  return {
    vehicle: vehicleValuesOf(payload.vehicle),
    acquiredOn: payload.acquiredOn,
    hasSeller: payload.seller !== undefined,
    seller: payload.seller ? partyValuesOf(payload.seller) : emptyParty(),
    purchasePrice:
      payload.purchasePriceCents === undefined ? '' : fromCents(payload.purchasePriceCents),
  };
}
