import { z } from 'zod';
import { codedIssue } from '../errors.js';
import { uuidv7Schema } from '../ids.js';
import { isoDateTimeSchema, licenceNumberSchema, textSchema } from './primitives.schema.js';

/** Where an enrolled kiosk stands at the dealer's: the showroom or the delivery bay. */
export const kioskLocations = ['showroom', 'delivery_bay'] as const;
/** A kiosk location. */
export type KioskLocation = (typeof kioskLocations)[number];

/**
 * The HTTP header that carries a kiosk's device credential, `<kioskId>.<secret>` (the secret
 * is shown to the kiosk once, at enrolment; the server keeps only its hash).
 */
export const KIOSK_CREDENTIAL_HEADER = 'X-Comptoir-Kiosk';

/**
 * The HTTP header a kiosk sets on requests its background sync makes: they are not a
 * person's activity (idle timeouts ignore them).
 */
export const BACKGROUND_REQUEST_HEADER = 'X-Comptoir-Background';

/**
 * `POST /api/kiosks`: an administrator of the dealer enrols this kiosk under the id the kiosk
 * made for itself (so that enrolling again, e.g. after a lost answer, is the same kiosk with a
 * new credential, never a second kiosk).
 */
export const kioskEnrolRequestSchema = z
  .object({
    kioskId: uuidv7Schema,
    name: textSchema(60),
    location: z.enum(kioskLocations),
    licence: licenceNumberSchema,
  })
  .strict();
/** A kiosk enrolment request. */
export type KioskEnrolRequest = z.infer<typeof kioskEnrolRequestSchema>;

/** An enrolled kiosk as the administration screens list it. */
export const enrolledKioskSchema = z
  .object({
    kioskId: z.string(),
    name: z.string(),
    location: z.enum(kioskLocations),
    licence: z.string(),
    enrolledAt: isoDateTimeSchema,
    revokedAt: isoDateTimeSchema.nullable(),
  })
  .loose();
/** An enrolled kiosk. */
export type EnrolledKiosk = z.infer<typeof enrolledKioskSchema>;

/** The answer to an enrolment: the kiosk and its device credential, shown this once. */
export const kioskEnrolResponseSchema = z
  .object({
    kiosk: enrolledKioskSchema,
    /** `<kioskId>.<secret>`, sent back in {@link KIOSK_CREDENTIAL_HEADER}. */
    credential: z.string().min(10),
  })
  .loose();
/** An enrolment answer. */
export type KioskEnrolResponse = z.infer<typeof kioskEnrolResponseSchema>;

/** `GET /api/kiosks?licence=`: the dealer's kiosks (administrators). */
export const kioskListQuerySchema = z.object({ licence: licenceNumberSchema }).strict();

/** The list of a dealer's kiosks. */
export const kioskListResponseSchema = z.object({ kiosks: z.array(enrolledKioskSchema) }).loose();

/** `DELETE /api/kiosks/[id]`: the kiosk id in the path. */
export const kioskIdParamSchema = z.object({ id: uuidv7Schema }).strict();

/** An operator's PIN: 4 to 6 digits (it attributes work to a person; not a security boundary). */
export const operatorPinSchema = z
  .string()
  .trim()
  .refine((value) => /^\d{4,6}$/.test(value), codedIssue('invalid_operator_pin'));

/**
 * `POST /api/operators`: an administrator adds a person who works under the dealer's generic
 * account and unlocks the kiosk with a personal PIN (PCI DSS 8.2.2: every action names a person).
 */
export const operatorCreateSchema = z
  .object({ licence: licenceNumberSchema, displayName: textSchema(60), pin: operatorPinSchema })
  .strict();
/** An operator creation request. */
export type OperatorCreate = z.infer<typeof operatorCreateSchema>;

/** `PATCH /api/operators/[id]`: a new PIN, a new name, or disabling (at least one). */
export const operatorUpdateSchema = z
  .object({
    displayName: textSchema(60).optional(),
    pin: operatorPinSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine(
    (update) => Object.values(update).some((value) => value !== undefined),
    codedIssue('required'),
  );

/** An operator as the administration screen lists it (never the PIN). */
export const operatorSchema = z
  .object({
    operatorId: z.string(),
    displayName: z.string(),
    disabled: z.boolean(),
    createdAt: isoDateTimeSchema,
  })
  .loose();
/** An operator. */
export type Operator = z.infer<typeof operatorSchema>;

/** `GET /api/operators?licence=`: the dealer's operators. */
export const operatorListQuerySchema = z.object({ licence: licenceNumberSchema }).strict();

/** `GET /api/operators/verifiers?licence=&kioskId=`: what a kiosk needs to check PINs offline. */
export const operatorVerifiersQuerySchema = z
  .object({ licence: licenceNumberSchema, kioskId: uuidv7Schema })
  .strict();

/**
 * One operator's PIN verifier for one kiosk: PBKDF2-SHA-256 of the PIN with a salt of that
 * kiosk and operator, so a verifier copied from one kiosk fits no other.
 */
export const operatorVerifierSchema = z
  .object({
    operatorId: z.string(),
    displayName: z.string(),
    salt: z.string(),
    iterations: z.number().int().min(1),
    verifier: z.string(),
  })
  .loose();
/** An operator's PIN verifier. */
export type OperatorVerifier = z.infer<typeof operatorVerifierSchema>;

/** The dealer's enabled operators' verifiers (none: the dealer does not use operator PINs). */
export const operatorVerifiersResponseSchema = z
  .object({ operators: z.array(operatorVerifierSchema) })
  .loose();
