import { z } from 'zod';
import { capKinds } from '../domain/caps.js';
import { historyFlags } from '../domain/history.js';
import { uuidv7Schema } from '../ids.js';
import {
  isoDateTimeSchema,
  licenceNumberSchema,
  textSchema,
  wholeNumberSchema,
} from './primitives.schema.js';
import { vehicleCategories, vehicleTypes, vinSchema } from './vehicle.schema.js';

/**
 * The query string of the dealer's registry reads and checks (`?licence=`): the licence the
 * person acts under, which the server authorizes (role on that licence) before anything else.
 * The checks' bodies stay exactly the shared query schemas (`licenceCheckQuerySchema`,
 * `rightToRegisterQuerySchema`).
 */
export const licenceQuerySchema = z.object({ licence: licenceNumberSchema }).strict();
/** A `?licence=` query (parsed). */
export type LicenceQuery = z.infer<typeof licenceQuerySchema>;

/** The VIN of `/api/history/[vin]`, normalized and checked like any VIN the kiosk sends. */
export const vinPathSchema = z.object({ vin: vinSchema }).strict();

/** Why a driving licence is not valid: the only detail a check answers. */
export const licenceInvalidCategories = ['suspended', 'expired', 'unknown'] as const;

/**
 * `POST /api/checks/driver-licence?licence=`: valid or not, and when not, its category
 * (suspended, expired, or unknown to the registry). Never the holder's name.
 */
export const licenceCheckResultSchema = z
  .object({
    valid: z.boolean(),
    category: z.enum(licenceInvalidCategories).optional(),
  })
  .strict();
/** A licence check's answer. */
export type LicenceCheckResult = z.infer<typeof licenceCheckResultSchema>;

/** `POST /api/checks/right-to-register?licence=`: allowed or blocked, never why. */
export const rightToRegisterResultSchema = z.object({ allowed: z.boolean() }).strict();
/** A right-to-register check's answer. */
export type RightToRegisterResult = z.infer<typeof rightToRegisterResultSchema>;

/**
 * `GET /api/history/[vin]?licence=` (accredited employees): the vehicle's registry facts, how
 * many owners it had and for how long, and what to be warned about. No name, no licence
 * number of any owner.
 */
export const ownershipHistorySchema = z
  .object({
    vin: z.string(),
    vehicle: z.object({
      make: z.string(),
      model: z.string(),
      year: z.number(),
      type: z.enum(vehicleTypes),
      netMassKg: z.number(),
      category: z.enum(vehicleCategories),
      colour: z.string().nullable(),
    }),
    ownerCount: z.number(),
    ownerships: z.array(
      z.object({ fromYear: z.number(), toYear: z.number().nullable(), years: z.number() }),
    ),
    flags: z.array(z.enum(historyFlags)),
  })
  .strict();
/** An ownership history. */
export type OwnershipHistory = z.infer<typeof ownershipHistorySchema>;

/** A bank account as anyone may see it once stored: the account number masked. */
export const bankAccountViewSchema = z
  .object({
    institution: z.string(),
    transit: z.string(),
    /** The last 4 digits behind bullets, e.g. `•••4567`. */
    accountMasked: z.string(),
    holderName: z.string(),
    updatedAt: isoDateTimeSchema,
  })
  .strict();
/** A masked bank account. */
export type BankAccountView = z.infer<typeof bankAccountViewSchema>;

/** `GET /api/bank-account?licence=` (administrators): the dealer's account, or null. */
export const bankAccountAnswerSchema = z
  .object({ account: bankAccountViewSchema.nullable() })
  .strict();
/** The answer of the bank-account read. */
export type BankAccountAnswer = z.infer<typeof bankAccountAnswerSchema>;

/**
 * `POST /api/cap-requests` (administrators, action `cap.request`): asks the authority for
 * `extraUnits` more temporary documents of one kind than the licence's weekly cap. `id` is
 * chosen by the kiosk (UUIDv7): the same id twice is the same request.
 */
export const capRequestCreateSchema = z
  .object({
    id: uuidv7Schema,
    licence: licenceNumberSchema,
    kind: z.enum(capKinds),
    extraUnits: wholeNumberSchema(1, 1000),
    reason: textSchema(500),
  })
  .strict();
/** An over-cap request (parsed). */
export type CapRequestCreate = z.infer<typeof capRequestCreateSchema>;

/** Where an over-cap request stands. */
export const capRequestStatuses = ['pending', 'approved', 'refused'] as const;

/** An over-cap request as the dealer and the staff see it. */
export const capRequestViewSchema = z
  .object({
    id: z.string(),
    licence: z.string(),
    kind: z.enum(capKinds),
    extraUnits: z.number(),
    reason: z.string(),
    status: z.enum(capRequestStatuses),
    requestedAt: isoDateTimeSchema,
    decidedAt: isoDateTimeSchema.nullable(),
    decisionReason: z.string().nullable(),
    /** Approved units count until then (7 days after approval). */
    grantedUntil: isoDateTimeSchema.nullable(),
  })
  .strict();
/** An over-cap request's view. */
export type CapRequestView = z.infer<typeof capRequestViewSchema>;
