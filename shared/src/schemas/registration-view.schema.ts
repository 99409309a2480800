import { z } from 'zod';
import { documentEnvelopeSchema } from './document.schema.js';
import { feeQuoteSchema } from './fee-quote.schema.js';
import { plateDeliverySchema } from '../plates-by-mail/plate-supplier.schema.js';
import { isoDateTimeSchema } from './primitives.schema.js';
import { cancellationReasons, registrationRequestSchema } from './registration.schema.js';

/** Where a registration stands: saved on hold, confirmed (plate issued), or cancelled. */
export const registrationStatuses = ['on_hold', 'confirmed', 'cancelled'] as const;
/** A registration's status. */
export type RegistrationStatus = (typeof registrationStatuses)[number];

/**
 * One registration as the kiosk lists it (`GET /api/registrations?licence=&from=&to=`): its
 * server number (`R-2026-000001`), status, the request as last saved, and once confirmed its
 * plate, fees and until when it may be cancelled (23:00 local on the day of confirmation).
 */
export const registrationSummarySchema = z
  .object({
    number: z.string(),
    licence: z.string(),
    status: z.enum(registrationStatuses),
    /** The request as last saved on hold (what the edit form starts from). */
    request: registrationRequestSchema,
    /**
     * The id of the command that last saved it: an edit is a new `registration.hold` whose
     * envelope `supersedes` this id.
     */
    holdCommandId: z.string(),
    createdAt: isoDateTimeSchema,
    updatedAt: isoDateTimeSchema,
    confirmedAt: isoDateTimeSchema.optional(),
    plateNumber: z.string().optional(),
    feesCents: z.number().int().optional(),
    /** Confirmed only: the last instant of the same-day cancellation (23:00 local). */
    cancellableUntil: isoDateTimeSchema.optional(),
    cancelledAt: isoDateTimeSchema.optional(),
    cancelReasonCode: z.enum(cancellationReasons).optional(),
    cancelReasonText: z.string().optional(),
    /** Confirmed once: the metal plate mailed by the supplier, its state and tracking number. */
    metalPlate: plateDeliverySchema.optional(),
  })
  .loose();
/** A registration as listed. */
export type RegistrationSummary = z.infer<typeof registrationSummarySchema>;

/**
 * `GET /api/registrations/[number]`: the registration with every document it produced
 * (provisional plate, registration certificate, proof of service, proof of cancellation),
 * each with its signatures and live status, in issue order.
 */
export const registrationViewSchema = registrationSummarySchema
  .extend({
    documents: z.array(documentEnvelopeSchema),
    /** On hold only: what confirming it now would debit and issue (the summary shown first). */
    feeQuote: feeQuoteSchema.optional(),
  })
  .loose();
/** A registration with its documents. */
export type RegistrationView = z.infer<typeof registrationViewSchema>;

/** `GET /api/registrations?licence=&from=&to=`: the window used (local days) and its registrations, newest first. */
export const registrationListSchema = z
  .object({ from: z.string(), to: z.string(), items: z.array(registrationSummarySchema) })
  .loose();
/** A registration listing. */
export type RegistrationList = z.infer<typeof registrationListSchema>;
