import { z } from 'zod';
import { documentKindSchema } from './document.schema.js';
import { isoDateTimeSchema } from './primitives.schema.js';
import { revokedLeaseSchema } from '../offline/lease.schema.js';

/**
 * The most revoked documents one feed lists. A dealer voids a handful of papers a week and a
 * feed lists only those still within their validity (plus a day): far below this, and it keeps
 * a signed feed well under the agent's 1 MiB body limit.
 */
export const REVOCATION_FEED_MAX_ENTRIES = 5000;

/** One voided document of a revocation feed: its number and kind, and when it would expire. */
export const revokedDocumentSchema = z
  .object({
    number: z.string().min(1).max(40),
    kind: documentKindSchema,
    /** When the paper would have expired anyway; absent for papers without expiry. */
    expiresAt: isoDateTimeSchema.optional(),
  })
  .strict();
/** See {@link revokedDocumentSchema}. */
export type RevokedDocument = z.infer<typeof revokedDocumentSchema>;

/**
 * The payload of a server-signed revocation feed (docs/printing.md#revocation-feed): every
 * voided document of one dealer that still matters, at a per-dealer sequence that grows with
 * each void, so that an older feed is never taken for a newer one.
 */
export const revocationFeedSchema = z
  .object({
    dealer: z.string().min(1).max(100),
    sequence: z.number().int().min(1),
    issuedAt: isoDateTimeSchema,
    revoked: z.array(revokedDocumentSchema).max(REVOCATION_FEED_MAX_ENTRIES),
    /**
     * The dealer's offline leases revoked before their end and not ended for more than a
     * day (docs/sync.md, "Offline issuance"). Absent from feeds of dealers that never revoked one.
     */
    revokedLeases: z.array(revokedLeaseSchema).max(REVOCATION_FEED_MAX_ENTRIES).optional(),
  })
  .strict();
/** See {@link revocationFeedSchema}. */
export type RevocationFeed = z.infer<typeof revocationFeedSchema>;

/** A signed feed as it travels (pull answer, agent body): a compact JWS, bounded in size. */
export const signedRevocationFeedSchema = z.string().min(1).max(900_000);

/** `POST /revocations` on the print agent: the feed the kiosk pulled, as the server signed it. */
export const revocationsRequestSchema = z.object({ feed: signedRevocationFeedSchema }).strict();
/** See {@link revocationsRequestSchema}. */
export type RevocationsRequest = z.infer<typeof revocationsRequestSchema>;

/** The agent's answer to `POST /revocations`: the dealer's feed it now keeps. */
export const revocationsResponseSchema = z
  .object({
    dealer: z.string(),
    sequence: z.number().int().min(1),
    revoked: z.number().int().min(0),
    /** False when the agent already held this very sequence (a replay changes nothing). */
    isNew: z.boolean(),
  })
  .strict();
/** See {@link revocationsResponseSchema}. */
export type RevocationsResponse = z.infer<typeof revocationsResponseSchema>;
