import { transitExpiry } from '../domain/validity.js';
import type { IssuedDocument } from '../schemas/document.schema.js';
import { assertNotExpired } from '../tokens/document-token.js';
import { TokenError } from '../tokens/token-error.js';
import type { VerificationKeys } from '../tokens/verification-keys.js';
import type { Lease, OfflineIssue } from './lease.schema.js';
import { verifyLease } from './lease-token.js';
import { verifyOfflineDocument } from './offline-document.js';
import { isInBlock, offlineKinds, type OfflineBlock, type OfflineKind } from './offline-series.js';

/**
 * Why an offline chain (server key -> lease -> kiosk key -> document) is refused. Stable codes,
 * in the error catalogue (`offline.errors.ts`) with their French and English messages.
 */
export const offlineChainErrorCodes = [
  'lease_invalid',
  'lease_revoked',
  'offline_document_invalid',
  'offline_document_wrong_key',
  'offline_lease_mismatch',
  'offline_number_outside_block',
  'offline_issued_outside_lease',
  'offline_issued_in_future',
  'offline_validity_mismatch',
  'offline_document_expired',
] as const;
/** See {@link offlineChainErrorCodes}. */
export type OfflineChainErrorCode = (typeof offlineChainErrorCodes)[number];

/** The one error {@link verifyOfflineChain} throws (a key store failure passes through as is). */
export class OfflineChainError extends Error {
  override readonly name = 'OfflineChainError';

  constructor(
    readonly code: OfflineChainErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What the verifier knows beyond the server keys. */
export interface OfflineChainOptions {
  /**
   * The verifier's clock: a paper dated after it (beyond the tolerance) is refused, so a kiosk
   * clock set ahead cannot hand out papers "from the future". Default: now.
   */
  now?: Date;
  /** Seconds of tolerance for clocks (issue time vs `now`, expiry). Default 300. */
  clockToleranceSeconds?: number;
  /** Refuse a paper whose `expiresAt` has passed (the agent). Default true; reconcile: false. */
  checkExpiry?: boolean;
  /** Whether the verifier knows the lease as revoked (revocation feed, registry). */
  isLeaseRevoked?: (leaseId: string) => boolean;
}

/** A chain that checked out: the lease, the document, its block and the server key. */
export interface VerifiedOfflineChain {
  lease: Lease;
  document: IssuedDocument;
  kind: OfflineKind;
  block: OfflineBlock;
  /** The server key that signed the lease. */
  serverKid: string;
}

function isOfflineKind(kind: string): kind is OfflineKind {
  return (offlineKinds as readonly string[]).includes(kind);
}

/**
 * Verifies a paper issued offline without asking the server: the lease is signed by a server
 * key the caller trusts and is not revoked; the document is signed by the kiosk key the lease
 * names (its RFC 7638 thumbprint as `kid`) and names the lease; its number lies in the block
 * of its kind; it was issued inside the lease's window and not after the verifier's clock; it
 * is of the lease's licence and dealer; a transit's expiry is the one its issue time and days
 * give (a kiosk cannot stretch a validity). Runs in Node and in browsers (jose over WebCrypto).
 * Does not count: the cap and "never twice" need the verifier's own records.
 * Throws {@link OfflineChainError}.
 *
 * @example
 * const { document, lease } = await verifyOfflineChain(command.offline, jwks, { isLeaseRevoked });
 */
export async function verifyOfflineChain(
  issue: OfflineIssue,
  serverKeys: VerificationKeys,
  options: OfflineChainOptions = {},
): Promise<VerifiedOfflineChain> {
  const toleranceMs = (options.clockToleranceSeconds ?? 300) * 1000;
  const now = options.now ?? new Date();
  let verifiedLease;
  try {
    verifiedLease = await verifyLease(issue.lease, serverKeys);
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    throw new OfflineChainError('lease_invalid', error.message, { cause: error });
  }
  const { lease, kid: serverKid } = verifiedLease;
  if (options.isLeaseRevoked?.(lease.leaseId) === true) {
    throw new OfflineChainError('lease_revoked', `Lease ${lease.leaseId} is revoked`);
  }
  let document: IssuedDocument;
  try {
    document = await verifyOfflineDocument(
      issue.document,
      lease.kioskKey,
      lease.kioskKeyThumbprint,
    );
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    const code =
      error.code === 'token_bad_signature'
        ? 'offline_document_wrong_key'
        : 'offline_document_invalid';
    throw new OfflineChainError(code, error.message, { cause: error });
  }
  if (
    document.issuedBy.leaseId !== lease.leaseId ||
    document.licence !== lease.licence ||
    document.dealer.neq !== lease.dealerNeq
  ) {
    throw new OfflineChainError('offline_lease_mismatch', 'Document and lease do not match');
  }
  const block = isOfflineKind(document.kind)
    ? lease.blocks.find((candidate) => candidate.kind === document.kind)
    : undefined;
  if (block === undefined || !isInBlock(document.number, block)) {
    throw new OfflineChainError(
      'offline_number_outside_block',
      `${document.number} is not in the lease's block`,
    );
  }
  const issuedAt = new Date(document.issuedAt);
  if (issuedAt < new Date(lease.issuedAt) || issuedAt >= new Date(lease.expiresAt)) {
    throw new OfflineChainError('offline_issued_outside_lease', 'Issued outside the lease window');
  }
  if (issuedAt.getTime() > now.getTime() + toleranceMs) {
    throw new OfflineChainError('offline_issued_in_future', 'Issued after the verifier’s clock');
  }
  if (document.kind === 'transit') {
    const days = document.days === 4 || document.days === 10 ? document.days : undefined;
    if (
      days === undefined ||
      transitExpiry(issuedAt, days).getTime() !== Date.parse(document.expiresAt)
    ) {
      throw new OfflineChainError('offline_validity_mismatch', 'Expiry is not the rule’s');
    }
  }
  if (options.checkExpiry !== false && document.expiresAt !== undefined) {
    try {
      assertNotExpired(new Date(document.expiresAt), {
        now,
        clockToleranceSeconds: toleranceMs / 1000,
      });
    } catch (error) {
      throw new OfflineChainError('offline_document_expired', 'Expired', { cause: error });
    }
  }
  return { lease, document, kind: block.kind, block, serverKid };
}
