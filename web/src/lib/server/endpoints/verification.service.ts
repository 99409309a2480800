import { documentNumberSchema, type DocumentKind, type DocumentStatus } from '@comptoir/shared';
import { TokenError, verifyQrToken } from '@comptoir/shared/tokens';
import { decodeProtectedHeader } from 'jose';
import type { ServerContext } from '../context.js';
import { findDocument, parseStoredDocument, statusOf } from '../registry/documents.repo.js';
import { findPlateOrderOfPlate } from '../registry/plate-orders.repo.js';

/** What the public page may show: what the paper itself shows, never more. */
export interface PublicVerification {
  number: string;
  status: DocumentStatus;
  /** Set when a scanned token was given: whether its signature and content check out. */
  token?: 'authentic' | 'tampered' | 'mismatch' | 'revoked';
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

/**
 * `GET /verifier/[number]?t=`: the live status of a document number and, with the QR token,
 * whether the token was signed by our key for this very number, kind and expiry.
 */
export async function verifyPublic(
  server: ServerContext,
  rawNumber: string,
  token: string | null,
): Promise<PublicVerification> {
  const parsed = documentNumberSchema.safeParse(rawNumber);
  const number = parsed.success ? parsed.data.toUpperCase() : rawNumber.slice(0, 40);
  const row = parsed.success ? await findDocument(server.storage.db, number) : undefined;
  const result: PublicVerification = { number, status: 'unknown' };
  if (row) {
    const document = parseStoredDocument(row.document_json);
    result.status = statusOf(row, server.clock());
    result.document = {
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
    };
    if (document.kind === 'provisional_plate') {
      const order = await findPlateOrderOfPlate(server.storage.db, document.plateNumber);
      if (order) result.metalPlate = order.state === 'delivered' ? 'delivered' : 'not_delivered';
    }
  }
  if (token) {
    try {
      // Expiry is the status's business; here we only ask "did we sign exactly this?".
      // Either format (compact, or the JWS on papers printed before it); the compact token's
      // signature covers the number of the URL it came in. Any key of the registry, current or
      // retired, whichever process signed; a key added by another process since the last read
      // is fetched from the database on the miss.
      const claims = await verifyQrToken(token, (kid) => server.signer.resolve(kid), {
        checkExpiry: false,
        number: row?.number ?? number,
        candidateKids: [
          ...server.signer.jwks().keys.map((key) => key.kid),
          ...server.signer.jwks().revoked.map((key) => key.kid),
        ],
      });
      const matches =
        row !== undefined &&
        claims.number === row.number &&
        claims.kind === row.kind &&
        (claims.expiresAt === undefined) === (row.expires_at === null) &&
        (claims.expiresAt === undefined ||
          row.expires_at === null ||
          Math.abs(new Date(claims.expiresAt).getTime() - new Date(row.expires_at).getTime()) <
            1000);
      result.token = matches ? 'authentic' : 'mismatch';
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      result.token = isRevokedKeyToken(server, token) ? 'revoked' : 'tampered';
    }
  }
  return result;
}

/** True when the token names a key the registry revoked (read from its header, unverified). */
function isRevokedKeyToken(server: ServerContext, token: string): boolean {
  try {
    const kid = decodeProtectedHeader(token).kid;
    return kid !== undefined && server.signer.isRevoked(kid);
  } catch {
    return false;
  }
}
