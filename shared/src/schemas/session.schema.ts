import { z } from 'zod';
import { roles } from '../domain/permissions.js';
import { addressSchema } from './address.schema.js';
import { IDLE_LOCK_DEFAULT_MINUTES } from '../domain/constants.js';
import { isoDateTimeSchema, licenceNumberSchema, wholeNumberSchema } from './primitives.schema.js';

/**
 * `POST /api/auth/login`. The username is trimmed; the password is taken as typed (spaces
 * may be part of it) and capped so hashing cannot be abused.
 */
export const loginRequestSchema = z
  .object({
    username: z.string().trim().toLowerCase().min(1).max(64),
    password: z.string().min(1).max(256),
    /** The kiosk's own idle lock (its setting may be shorter than the default, never longer). */
    idleMinutes: wholeNumberSchema(1, IDLE_LOCK_DEFAULT_MINUTES).optional(),
  })
  .strict();
/** A login request. */
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** Account kinds: generic (shared showroom), personal (accredited employee), staff (authority). */
export const accountKinds = ['generic', 'personal', 'staff'] as const;

/** One licence the account may act for, with its role there. */
export const sessionLicenceSchema = z
  .object({
    licence: z.string(),
    dealerName: z.string(),
    neq: z.string(),
    role: z.enum(roles),
    accredited: z.boolean(),
    /**
     * Suspended by the authority's staff (effective at once): the kiosk shows it and disables
     * the licence's issuing services. Older servers omit it.
     */
    isSuspended: z.boolean().optional(),
    /**
     * The licence's address on file, where its X plates are mailed (shown before an order);
     * absent when none is on file, and from older servers.
     */
    address: addressSchema.optional(),
  })
  .loose();

/** `GET /api/auth/session`: who is signed in, for which licences, and the idle lock. */
export const sessionInfoSchema = z
  .object({
    account: z
      .object({
        id: z.string(),
        username: z.string(),
        displayName: z.string(),
        kind: z.enum(accountKinds),
      })
      .loose(),
    licences: z.array(sessionLicenceSchema),
    idleLockMinutes: z.number().int().min(1),
    serverTime: isoDateTimeSchema,
    /** When the person last proved who they are (sign-in or re-authentication). */
    reauthenticatedAt: isoDateTimeSchema.nullable().optional(),
    /** How the account signs in: its password, or the OpenID Connect provider. */
    authMethod: z.enum(['password', 'oidc']).optional(),
  })
  .loose();
/** Session information. */
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/**
 * `GET /api/auth/session` query. `ifSignedIn=1`: the kiosk's start-up check, where being
 * signed out is an answer (200 with `{ session: null }`), not an error; without it, signed out
 * is `401 unauthenticated` as for every other route.
 */
export const sessionQuerySchema = z.object({ ifSignedIn: z.literal('1').optional() }).strict();

/** `GET /api/auth/session?ifSignedIn=1`: who is signed in, or null. */
export const sessionLookupSchema = z.object({ session: sessionInfoSchema.nullable() });
/** See {@link sessionLookupSchema}. */
export type SessionLookup = z.infer<typeof sessionLookupSchema>;

/** The licence a session chooses to work under. */
export const licenceChoiceSchema = z.object({ licence: licenceNumberSchema }).strict();
