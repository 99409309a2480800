import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { TIME_ZONE } from '../domain/constants.js';
import { uuidv7Schema } from '../ids.js';
import { isoDateTimeSchema, licenceNumberSchema } from '../schemas/primitives.schema.js';
import { offlineBlockSchema, offlineKindSchema, type OfflineKind } from './offline-series.js';

/** A lease lasts at most this many days (Texas lets "internet-down" tags run a week). */
export const LEASE_MAX_DAYS = 7;

/**
 * The public half of a kiosk's Ed25519 key as a JWK (RFC 8037), as WebCrypto exports it.
 * Members other than the key (`alg`, `ext`, `key_ops`...) are dropped; a private member `d` is
 * refused: the kiosk's private key never leaves the browser, and a request carrying it is a bug.
 */
export const kioskPublicJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  d: z.never().optional(),
});
/** See {@link kioskPublicJwkSchema}. */
export type KioskPublicJwk = z.infer<typeof kioskPublicJwkSchema>;

/** How long a lease is asked to last by default (the kiosk renews in the background while online). */
export const LEASE_DEFAULT_HOURS = 72;

/**
 * How many numbers a lease reserves per kind at most. A transit block is further cut to what
 * the licence's weekly cap leaves (every open lease's unused transits count as issued).
 */
export const LEASE_BLOCK_SIZES = { transit: 10, atac: 20 } as const satisfies Record<
  OfflineKind,
  number
>;

/**
 * A kiosk renewing names the lease it still holds and how many numbers of each block it took
 * (issued, printed or not). The server retires that lease at once: papers it issued before
 * still reconcile, up to `used`; its unused part stops counting against the cap. A kiosk that
 * does not name its open lease keeps it open, and its whole unused cap keeps counting.
 */
export const leaseRenewalSchema = z
  .object({
    leaseId: uuidv7Schema,
    used: z
      .object({
        transit: z.number().int().min(0).max(999_999).optional(),
        atac: z.number().int().min(0).max(999_999).optional(),
      })
      .strict(),
  })
  .strict();
/** See {@link leaseRenewalSchema}. */
export type LeaseRenewal = z.infer<typeof leaseRenewalSchema>;

/** `POST /api/kiosks/[id]/lease`: the kiosk's public key and the kinds it wants blocks for. */
export const leaseRequestSchema = z
  .object({
    publicKey: kioskPublicJwkSchema,
    kinds: z
      .array(offlineKindSchema)
      .min(1)
      .max(2)
      .refine((kinds) => new Set(kinds).size === kinds.length, { message: 'duplicate_kind' }),
    renews: leaseRenewalSchema.optional(),
  })
  .strict();
/** See {@link leaseRequestSchema}. */
export type LeaseRequest = z.infer<typeof leaseRequestSchema>;

/** The answer to a lease request: the lease as the server signed it (a compact JWS). */
export const leaseResponseSchema = z.object({ lease: z.string().min(1).max(20_000) }).strict();
/** See {@link leaseResponseSchema}. */
export type LeaseResponse = z.infer<typeof leaseResponseSchema>;

/**
 * What a lease says (the payload of a `comptoir-lease+jws`): the server lets kiosk `kioskId`,
 * holding the private half of `kioskKey`, issue papers of licence `licence` from the numbers
 * of `blocks` while `issuedAt <= issue time < expiresAt`.
 */
export const leaseSchema = z
  .object({
    v: z.literal(1),
    leaseId: uuidv7Schema,
    kioskId: z.string().min(1).max(64),
    kioskKey: kioskPublicJwkSchema,
    /** RFC 7638 thumbprint of `kioskKey`: the `kid` of every document the kiosk signs. */
    kioskKeyThumbprint: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    licence: licenceNumberSchema,
    dealerId: z.string().min(1).max(100),
    /** The dealer's NEQ, as the document prints it (`dealer.neq`). */
    dealerNeq: z.string().min(1).max(20),
    issuedAt: isoDateTimeSchema,
    expiresAt: isoDateTimeSchema,
    blocks: z
      .array(offlineBlockSchema)
      .min(1)
      .max(2)
      .refine((blocks) => new Set(blocks.map((b) => b.kind)).size === blocks.length, {
        message: 'duplicate_kind',
      }),
  })
  .strict();
/** See {@link leaseSchema}. */
export type Lease = z.infer<typeof leaseSchema>;

/** The first instant of the local year after `instant`'s (1 January 00:00, Québec time). */
export function startOfNextLocalYear(instant: Date): Date {
  const year = new TZDate(instant, TIME_ZONE).getFullYear();
  return new Date(new TZDate(year + 1, 0, 1, 0, 0, 0, TIME_ZONE).getTime());
}

/** The local year (`YYYY`, Québec time) of an instant: the year offline numbers are drawn in. */
export function localYearOf(instant: Date): string {
  return String(new TZDate(instant, TIME_ZONE).getFullYear());
}

/**
 * The latest expiry a lease issued at `issuedAt` may have: 7 days, cut at the next local
 * 1 January, because its numbers carry the year they were drawn in (`TH-2026-…`) and a paper
 * of 2027 must not bear a 2026 number.
 */
export function leaseExpiryLimit(issuedAt: Date): Date {
  const week = issuedAt.getTime() + LEASE_MAX_DAYS * 24 * 3600 * 1000;
  return new Date(Math.min(week, startOfNextLocalYear(issuedAt).getTime()));
}

/**
 * Why a lease's content breaks the rules the signature alone cannot tell, or `null`: an expiry
 * not after its issue or beyond {@link leaseExpiryLimit}, a block of another year than the
 * lease's issue.
 */
export function leaseShapeProblem(
  lease: Lease,
): 'lease_window_invalid' | 'lease_block_year' | null {
  const issuedAt = new Date(lease.issuedAt);
  const expiresAt = new Date(lease.expiresAt);
  if (expiresAt <= issuedAt || expiresAt > leaseExpiryLimit(issuedAt)) {
    return 'lease_window_invalid';
  }
  const year = localYearOf(issuedAt);
  return lease.blocks.every((block) => block.year === year) ? null : 'lease_block_year';
}

/**
 * How a command carries the paper the kiosk issued offline: the optional envelope field
 * `offline` of an offline-issuable command (`transit.issue`, `atac.create`; see
 * docs/sync.md#offline-issuance-leases-the-chain-reconcile). Both are compact JWS: the lease
 * as the server signed it, the document as the kiosk signed it.
 */
export const offlineIssueSchema = z
  .object({
    lease: z.string().min(1).max(20_000),
    document: z.string().min(1).max(200_000),
  })
  .strict();
/** See {@link offlineIssueSchema}. */
export type OfflineIssue = z.infer<typeof offlineIssueSchema>;

/** Where a lease stands, as the administration screens list it. */
export const leaseStatuses = ['open', 'expired', 'retired', 'revoked'] as const;
/** See {@link leaseStatuses}. */
export type LeaseStatus = (typeof leaseStatuses)[number];

/** A lease as the dealer's administrator and staff see it (`GET /api/leases?licence=`). */
export const leaseViewSchema = z
  .object({
    leaseId: z.string(),
    kioskId: z.string(),
    licence: z.string(),
    issuedAt: isoDateTimeSchema,
    expiresAt: isoDateTimeSchema,
    blocks: z.array(offlineBlockSchema),
    status: z.enum(leaseStatuses),
    /** Offline papers of this lease the server received (reconciled or flagged). */
    received: z.number().int().min(0),
    revokedAt: isoDateTimeSchema.nullable(),
    revokedReason: z.string().nullable(),
  })
  .loose();
/** See {@link leaseViewSchema}. */
export type LeaseView = z.infer<typeof leaseViewSchema>;

/** The leases of a licence's dealer, newest first. */
export const leaseListResponseSchema = z.object({ leases: z.array(leaseViewSchema) }).loose();

/** `GET /api/leases?licence=`: the leases of the licence's dealer. */
export const leaseListQuerySchema = z.object({ licence: licenceNumberSchema }).strict();

/** `POST /api/leases/[id]/revoke`: why (a stolen kiosk, say). */
export const leaseRevokeRequestSchema = z
  .object({ reason: z.string().trim().min(1).max(200).optional() })
  .strict();
/** See {@link leaseRevokeRequestSchema}. */
export type LeaseRevokeRequest = z.infer<typeof leaseRevokeRequestSchema>;

/** A lease id in a path. */
export const leaseIdParamSchema = z.object({ id: uuidv7Schema }).strict();

/**
 * A lease revoked before its end, as the signed revocation feed lists it. A stolen kiosk can
 * date a paper as it likes inside the window, so the agent refuses every paper of a revoked
 * lease it has not printed yet, whatever its date; the server flags those it receives.
 */
export const revokedLeaseSchema = z
  .object({
    leaseId: z.string().min(1).max(64),
    revokedAt: isoDateTimeSchema,
    expiresAt: isoDateTimeSchema,
  })
  .strict();
/** See {@link revokedLeaseSchema}. */
export type RevokedLease = z.infer<typeof revokedLeaseSchema>;
