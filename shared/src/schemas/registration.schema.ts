import { z } from 'zod';
import { codedRefinement } from '../errors.js';
import {
  buyersSchema,
  holderIndexRefinement,
  holderIndexSchema,
  isHolderAmongBuyers,
} from './buyers.schema.js';
import { noticeContactSchema } from '../plates-by-mail/plate-supplier.schema.js';
import { partySchema, quebecLicenceOf, type Party } from './party.schema.js';
import { codedIssue } from '../errors.js';
import { followsAtacSchema } from './atac-link.schema.js';
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
  .refine(isHolderAmongBuyers, holderIndexRefinement)
  .superRefine((request, ctx) => {
    // Online registration is for Québec residents, identified by their Québec licence (the
    // registry's right-to-register check reads it): a non-resident buyer gets an ATAC and a
    // transit instead.
    const buyers: unknown = request.buyers;
    if (!Array.isArray(buyers)) return;
    request.buyers.forEach((buyer: Party | undefined, index) => {
      if (buyer?.kind === 'person' && quebecLicenceOf(buyer) === undefined) {
        ctx.addIssue(codedIssue('quebec_licence_required', ['buyers', index, 'driverLicence']));
      }
    });
  });
/** A registration request (parsed). */
export type RegistrationRequest = z.infer<typeof registrationRequestSchema>;

/**
 * Confirms a registration saved on hold (online only: the registry updates at once).
 * `expectedFeeCents` is the total the client was shown in the summary: the server refuses
 * with `fee_changed` (nothing debited) when the fee it computes differs. Optional so that a
 * confirmation sent by an older kiosk still applies.
 */
export const registrationConfirmSchema = z
  .object({ registrationNumber: documentNumberSchema, expectedFeeCents: centsSchema.optional() })
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

/**
 * True unless the reason is `other` without a text: "Autre" alone says nothing to the
 * authority reviewing a voided plate, so it must be described.
 */
export function isCancelReasonDescribed(cancel: {
  reasonCode: (typeof cancellationReasons)[number];
  reasonText?: string | undefined;
}): boolean {
  return cancel.reasonCode !== 'other' || (cancel.reasonText ?? '').trim() !== '';
}

/**
 * Cancels a confirmed registration the same day (before 23:00), with a reason code; the
 * reason `other` requires its text (`cancel_reason_text_required` on `reasonText`).
 */
export const registrationCancelSchema = z
  .object({
    registrationNumber: documentNumberSchema,
    reasonCode: z.enum(cancellationReasons),
    reasonText: textSchema(200).optional(),
  })
  .strict()
  .refine(
    isCancelReasonDescribed,
    codedRefinement('cancel_reason_text_required', ['reasonText'], ['reasonCode']),
  );
/** A registration cancellation (parsed). */
export type RegistrationCancel = z.infer<typeof registrationCancelSchema>;
