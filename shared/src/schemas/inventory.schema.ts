import { z } from 'zod';
import { partySchema } from './party.schema.js';
import { centsSchema, isoDateSchema } from './primitives.schema.js';
import { vehicleSchema } from './vehicle.schema.js';

/**
 * Records a vehicle into the dealer's inventory (enregistrer): no plate, no right to drive.
 * The seller and price are optional (a trade-in's seller is the buyer of another sale).
 */
export const inventoryRecordSchema = z
  .object({
    vehicle: vehicleSchema,
    acquiredOn: isoDateSchema,
    seller: partySchema.optional(),
    purchasePriceCents: centsSchema.optional(),
  })
  .strict();
/** An inventory record (parsed). */
export type InventoryRecord = z.infer<typeof inventoryRecordSchema>;
