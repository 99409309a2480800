import { z } from 'zod';
import {
  buyersSchema,
  holderIndexRefinement,
  holderIndexSchema,
  isHolderAmongBuyers,
} from './buyers.schema.js';
import { noticeContactSchema } from '../plates-by-mail/plate-supplier.schema.js';
import { followsAtacSchema } from './atac-link.schema.js';
import { partySchema } from './party.schema.js';
import { centsSchema, documentNumberSchema, textSchema } from './primitives.schema.js';
import { vehicleSchema, vinSchema } from './vehicle.schema.js';

/**
 * A registration (immatriculation) saved on hold by an accredited employee: the vehicle, its
 * buyers (co-owners) and designated holder, the seller when known, an optional trade-in and
 * the ATAC it follows. Confirmation happens later, online, with the client present.
 */
export const registrationRequestSchema = z
  .object({
    vehicle: vehicleSchema,
    buyers: buyersSchema,
    holderIndex: holderIndexSchema,
    seller: partySchema.optional(),
    tradeIn: z.object({ vin: vinSchema, allowanceCents: centsSchema }).strict().optional(),
    atacNumber: documentNumberSchema.optional(),
    /**
     * The ATAC this registration was prefilled from (number, or command id while it waits
     * offline); when both are given it wins over the typed `atacNumber`.
     */
    followsAtac: followsAtacSchema.optional(),
    /** The client's e-mail for the plate's shipping notice (optional), in their language. */
    clientNotice: noticeContactSchema.optional(),
  })
  .strict()
  .refine(isHolderAmongBuyers, holderIndexRefinement);
/** A registration request (parsed). */
export type RegistrationRequest = z.infer<typeof registrationRequestSchema>;

/** Confirms a registration saved on hold (online only: the registry updates at once). */
export const registrationConfirmSchema = z
  .object({ registrationNumber: documentNumberSchema })
  .strict();
/** A registration confirmation (parsed). */
export type RegistrationConfirm = z.infer<typeof registrationConfirmSchema>;

/** Reason codes for a same-day cancellation. */
export const cancellationReasons = [
  'entry_error',
  'sale_cancelled',
  'wrong_vehicle',
  'other',
] as const;

/** Cancels a confirmed registration the same day (before 23:00), with a reason code. */
export const registrationCancelSchema = z
  .object({
    registrationNumber: documentNumberSchema,
    reasonCode: z.enum(cancellationReasons),
    reasonText: textSchema(200).optional(),
  })
  .strict();
/** A registration cancellation (parsed). */
export type RegistrationCancel = z.infer<typeof registrationCancelSchema>;
