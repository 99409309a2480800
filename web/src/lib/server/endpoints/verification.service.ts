import { documentNumberSchema, type DocumentKind, type DocumentStatus } from '@comptoir/shared';
import {
  TokenError,
  compactTokenNamesKey,
  isCompactQrToken,
  verifyQrToken,
} from '@comptoir/shared/tokens';
import { decodeProtectedHeader } from 'jose';
import type { ServerContext } from '../context.js';
import { reserveAttempt, verifierKey } from '../accounts/signin-throttle.js';
import { findDocument, parseStoredDocument, statusOf } from '../registry/documents.repo.js';
import { findPlateOrderOfPlate } from '../registry/plate-orders.repo.js';
import { findLeaseOfNumber, findOfflinePaper } from '../registry/offline-leases.repo.js';

/**
 * What the public page may show: what the paper itself shows, never more.
 * - `ask_vin`: no QR token: only a form asking for the vehicle's VIN (or its last 6);
 * - `status`: the VIN matched: valid, expired or voided, nothing else;
 * - `no_match`: no document with this number and VIN;
 * - `authentic`: the QR token checks out: the paper's details, as today;
 * - `forged`: a token that fails its signature, names another document or was signed by a
 *   revoked key;
 * - `throttled`: too many lookups from this address;
 * - `offline_pending`: a number leased to a kiosk (not revoked) that the registry has not
 *   received yet: issued offline, waiting for the kiosk to synchronise.
 */
export interface PublicVerification {
  number: string;
  verdict:
    'ask_vin' | 'status' | 'no_match' | 'authentic' | 'forged' | 'throttled' | 'offline_pending';
  /**
   * A paper issued offline (docs/sync.md#offline-issuance-leases-the-chain-reconcile):
   * `pending_sync` when its number was leased to a kiosk and the registry has not received it
   * yet ("émis hors ligne, en attente de synchronisation"); `to_check` when it was received and
   * flagged ("à vérifier").
   */
  offline?: 'pending_sync' | 'to_check';
  status?: DocumentStatus;
  /** Set when a scanned token was given: whether its signature and content check out. */
  token?: 'authentic' | 'tampered' | 'mismatch' | 'revoked';
  retryAfterSeconds?: number;
  document?: {
    kind: DocumentKind;
    dealerName: string;
    licence: string;
    issuedAt: string;
    expiresAt?: string;
    vehicle: { vin: string; make: string; model: string; year: number };
  };
  /**
   * A provisional plate only: whether the metal plate mailed by the supplier has reached the
   * holder (an officer seeing an expired provisional plate can tell a late plate from none).
   */
  metalPlate?: 'delivered' | 'not_delivered';
}

/** True when what was typed is the VIN or its last 6 characters (case and spaces ignored). */
function matchesVin(typed: string, vin: string): boolean {
  const clean = typed.replace(/\s+/g, '').toUpperCase();
  return (
    clean.length >= 6 && (clean === vin.toUpperCase() || clean === vin.toUpperCase().slice(-6))
  );
}

/**
 * `GET /verifier/[number]?t=&vin=`: with the QR token, whether the token was signed by our key
 * for this very number, kind and expiry, and the paper's details; without it, only the status
 * of a document whose VIN the visitor typed (someone holding the paper can read it). Every
 * lookup is counted per address (shared through the database): 100 sequential numbers read in
 * 0.6 s listed every dealer's sales.
 */
export async function verifyPublic(
  server: ServerContext,
  rawNumber: string,
  token: string | null,
  visitor: { clientAddress: string; vin?: string | null } = { clientAddress: 'internal' },
): Promise<PublicVerification> {
  const parsed = documentNumberSchema.safeParse(rawNumber);
  const number = parsed.success ? parsed.data.toUpperCase() : rawNumber.slice(0, 40);
  const typedVin = visitor.vin?.trim() ?? '';
  if (!token && typedVin === '') return { number, verdict: 'ask_vin' };
  // Only VIN lookups are counted: they are what an enumeration guesses. A QR token cannot be
  // guessed (it is signed for one number), so an inspector scanning a row of plates from one
  // station's address is never held back.
  if (!token) {
    const waitMs = await reserveAttempt(
      server.storage.db,
      [verifierKey(visitor.clientAddress)],
      server.clock(),
    );
    if (waitMs > 0) {
      return { number, verdict: 'throttled', retryAfterSeconds: Math.ceil(waitMs / 1000) };
    }
  }
  const row = parsed.success ? await findDocument(server.storage.db, number) : undefined;
  if (!row && parsed.success) {
    const lease = await findLeaseOfNumber(server.storage.db, number);
    if (lease && lease.revokedAt === null) {
      return { number, verdict: 'offline_pending', offline: 'pending_sync' };
    }
  }
  const flagged =
    row !== undefined && (await findOfflinePaper(server.storage.db, number))?.status === 'flagged';
  const toCheck = flagged ? { offline: 'to_check' as const } : {};
  if (!token) {
    if (!row) return { number, verdict: 'no_match' };
    const document = parseStoredDocument(row.document_json);
    if (!matchesVin(typedVin, document.vehicle.vin)) return { number, verdict: 'no_match' };
    return {
      number,
      verdict: 'status',
      status: statusOf(row, server.clock()),
      ...toCheck,
      ...(await metalPlateOf(server, document)),
    };
  }
  let tokenVerdict: 'authentic' | 'tampered' | 'mismatch' | 'revoked';
  try {
    // Expiry is the status's business; here we only ask "did we sign exactly this?".
    // Either format (compact, or the JWS on papers printed before it); the compact token's
    // signature covers the number of the URL it came in. Any key of the registry, current or
    // retired, whichever process signed; a key added by another process since the last read
    // is fetched from the database on the miss.
    const jwks = server.signer.jwks();
    const claims = await verifyQrToken(token, (kid) => server.signer.resolve(kid), {
      checkExpiry: false,
      number: row?.number ?? number,
      candidateKids: [...jwks.keys, ...jwks.revoked].map((key) => key.kid),
    });
    const matches =
      row !== undefined &&
      claims.number === row.number &&
      claims.kind === row.kind &&
      (claims.expiresAt === undefined) === (row.expires_at === null) &&
      (claims.expiresAt === undefined ||
        row.expires_at === null ||
        Math.abs(new Date(claims.expiresAt).getTime() - new Date(row.expires_at).getTime()) < 1000);
    tokenVerdict = matches ? 'authentic' : 'mismatch';
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    tokenVerdict = isRevokedKeyToken(server, token) ? 'revoked' : 'tampered';
  }
  // A forged paper headlines as forged, and shows nothing a forger could use.
  if (tokenVerdict !== 'authentic' || !row) {
    return {
      number,
      verdict: 'forged',
      token: tokenVerdict === 'authentic' ? 'mismatch' : tokenVerdict,
    };
  }
  const document = parseStoredDocument(row.document_json);
  return {
    number,
    verdict: 'authentic',
    status: statusOf(row, server.clock()),
    ...toCheck,
    token: 'authentic',
    document: {
      kind: document.kind,
      dealerName: document.dealer.name,
      licence: document.licence,
      issuedAt: document.issuedAt,
      ...(document.expiresAt !== undefined && { expiresAt: document.expiresAt }),
      vehicle: {
        vin: document.vehicle.vin,
        make: document.vehicle.make,
        model: document.vehicle.model,
        year: document.vehicle.year,
      },
    },
    ...(await metalPlateOf(server, document)),
  };
}

/** A provisional plate only: whether the metal plate mailed by the supplier was delivered. */
async function metalPlateOf(
  server: ServerContext,
  document: ReturnType<typeof parseStoredDocument>,
): Promise<Pick<PublicVerification, 'metalPlate'>> {
  if (document.kind !== 'provisional_plate') return {};
  const order = await findPlateOrderOfPlate(server.storage.db, document.plateNumber);
  return order ? { metalPlate: order.state === 'delivered' ? 'delivered' : 'not_delivered' } : {};
}

/** True when the token names a key the registry revoked (read from its header, unverified). */
function isRevokedKeyToken(server: ServerContext, token: string): boolean {
  if (isCompactQrToken(token)) {
    return server.signer.jwks().revoked.some((revoked) => compactTokenNamesKey(token, revoked.kid));
  }
  try {
    const kid = decodeProtectedHeader(token).kid;
    return kid !== undefined && server.signer.isRevoked(kid);
  } catch {
    return false;
  }
}
