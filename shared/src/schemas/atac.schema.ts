import { z } from 'zod';
import {
  buyersSchema,
  holderIndexRefinement,
  holderIndexSchema,
  isHolderAmongBuyers,
} from './buyers.schema.js';
import { centsSchema, isoDateSchema } from './primitives.schema.js';
import { vehicleSchema } from './vehicle.schema.js';

/** Sale or lease, as the ATAC states it. */
export const transactionKinds = ['sale', 'lease'] as const;

/**
 * A request to create an ATAC (attestation de transaction avec un commerçant). The buyers
 * are the co-owners; `holderIndex` designates the registration holder among them. Money is
 * in integer cents. `status: 'on_hold'` saves a draft on the server (default `final`).
 */
export const atacCreateSchema = z
  .object({
    transaction: z.enum(transactionKinds),
    deliveryDate: isoDateSchema,
    vehicle: vehicleSchema,
    buyers: buyersSchema,
    holderIndex: holderIndexSchema,
    salePriceCents: centsSchema,
    tradeInCents: centsSchema,
    gstCents: centsSchema,
    qstBaseCents: centsSchema,
    status: z.enum(['on_hold', 'final']).optional(),
  })
  .strict()
  .refine(isHolderAmongBuyers, holderIndexRefinement);
/** An ATAC creation request (parsed). */
export type AtacCreate = z.infer<typeof atacCreateSchema>;
