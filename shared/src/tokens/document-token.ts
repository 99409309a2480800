import { CompactSign, compactVerify } from 'jose';
import { SIGNING_ALGORITHM, type SigningKey } from './signing-keys.js';
import { issuedDocumentSchema, type IssuedDocument } from '../schemas/document.schema.js';
import { TokenError } from './token-error.js';
import { compactJws, type RawSigningKey } from './compact-jws.js';
import {
  ACCEPTED_ALGORITHMS,
  keyGetterFor,
  toTokenError,
  type VerificationKeys,
} from './verification-keys.js';

/** `typ` of a document JWS: a QR token or any other JWS signed by the same key is not a document. */
export const DOCUMENT_TOKEN_TYPE = 'comptoir-document+jws';

/** Options shared by every verification. */
export interface VerifyOptions {
  /** The clock to judge expiry by; defaults to now. */
  now?: Date;
  /** Seconds of grace after expiry, for kiosk and agent clocks that drift. Default 0. */
  clockToleranceSeconds?: number;
  /**
   * Refuse expired documents with `token_expired` (default true). The public verification page
   * turns it off to say "expired" rather than "invalid".
   */
  checkExpiry?: boolean;
}

/** A document whose signature checked out, and the key that signed it. */
export interface VerifiedDocument {
  document: IssuedDocument;
  kid: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Signs the FULL content of a document as a compact JWS (header: alg EdDSA, kid, typ). The
 * agent renders from this content only, so everything printed is covered by the signature.
 *
 * @example
 * const jws = await signDocument(document, await importSigningKey(privateJwk));
 */
export async function signDocument(
  document: IssuedDocument,
  signingKey: SigningKey,
): Promise<string> {
  const { protectedHeader, payload } = documentTokenContent(document, signingKey.kid);
  return new CompactSign(payload).setProtectedHeader(protectedHeader).sign(signingKey.key);
}

/**
 * {@link signDocument} with a synchronous raw signer (see {@link RawSigningKey}): the same
 * checks and, Ed25519 being deterministic, the very same token, byte for byte.
 *
 * @example
 * const jws = await signDocumentWith(document, { kid, sign: signWithNodeKey });
 */
export async function signDocumentWith(
  document: IssuedDocument,
  signingKey: RawSigningKey,
): Promise<string> {
  const { protectedHeader, payload } = documentTokenContent(document, signingKey.kid);
  return await compactJws(protectedHeader, payload, signingKey.sign);
}

/** What a document token signs: its header and the full document, once checked. */
function documentTokenContent(document: IssuedDocument, kid: string) {
  const parsed = issuedDocumentSchema.safeParse(document);
  if (!parsed.success) throw new TokenError('token_malformed', 'Not a signable document');
  if (parsed.data.issuedBy.kid !== kid) {
    throw new TokenError('token_malformed', 'issuedBy.kid does not name the signing key');
  }
  return {
    protectedHeader: { alg: SIGNING_ALGORITHM, kid, typ: DOCUMENT_TOKEN_TYPE },
    payload: encoder.encode(JSON.stringify(document)),
  };
}

/**
 * Verifies a document JWS against a key resolver or a JWKS, then parses it with
 * `issuedDocumentSchema`, which is tolerant: unknown fields are kept as signed.
 * Throws {@link TokenError}: token_malformed | token_bad_signature | token_unknown_key |
 * token_expired (its `expiresAt` has passed, beyond the clock tolerance).
 *
 * @example
 * const { document, kid } = await verifyDocument(jws, jwks, { clockToleranceSeconds: 120 });
 */
export async function verifyDocument(
  jws: string,
  keys: VerificationKeys,
  options: VerifyOptions = {},
): Promise<VerifiedDocument> {
  let verified;
  try {
    verified = await compactVerify(jws, keyGetterFor(keys), { algorithms: ACCEPTED_ALGORITHMS });
  } catch (error) {
    throw toTokenError(error);
  }
  const { protectedHeader, payload } = verified;
  const kid = protectedHeader.kid;
  if (protectedHeader.typ !== DOCUMENT_TOKEN_TYPE || kid === undefined) {
    throw new TokenError('token_malformed', 'Not a Comptoir document token');
  }
  const document = parseDocument(payload);
  if (document.issuedBy.kid !== kid) {
    throw new TokenError('token_malformed', 'issuedBy.kid does not name the signing key');
  }
  if (options.checkExpiry !== false && document.expiresAt !== undefined) {
    assertNotExpired(new Date(document.expiresAt), options);
  }
  return { document, kid };
}

function parseDocument(payload: Uint8Array): IssuedDocument {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(payload));
  } catch (error) {
    throw new TokenError('token_malformed', 'Payload is not JSON', { cause: error });
  }
  const parsed = issuedDocumentSchema.safeParse(json);
  if (!parsed.success) {
    throw new TokenError('token_malformed', 'Payload is not a document', { cause: parsed.error });
  }
  return parsed.data;
}

/** Throws `token_expired` when `expiresAt` (plus the tolerance) is before `options.now`. */
export function assertNotExpired(expiresAt: Date, options: VerifyOptions): void {
  const now = (options.now ?? new Date()).getTime();
  const toleranceMs = (options.clockToleranceSeconds ?? 0) * 1000;
  if (expiresAt.getTime() + toleranceMs < now) {
    throw new TokenError('token_expired', `Expired at ${expiresAt.toISOString()}`);
  }
}
