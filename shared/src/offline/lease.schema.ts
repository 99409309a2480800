import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { TIME_ZONE } from '../domain/constants.js';
import { uuidv7Schema } from '../ids.js';
import { isoDateTimeSchema, licenceNumberSchema } from '../schemas/primitives.schema.js';
import { offlineBlockSchema, offlineKindSchema } from './offline-series.js';

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

/** `POST /api/kiosks/[id]/lease`: the kiosk's public key and the kinds it wants blocks for. */
export const leaseRequestSchema = z
  .object({
    publicKey: kioskPublicJwkSchema,
    kinds: z
      .array(offlineKindSchema)
      .min(1)
      .max(2)
      .refine((kinds) => new Set(kinds).size === kinds.length, { message: 'duplicate_kind' }),
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
