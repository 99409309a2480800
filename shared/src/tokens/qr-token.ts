import { CompactSign, compactVerify } from 'jose';
import { z } from 'zod';
import { assertNotExpired, DOCUMENT_TOKEN_TYPE, type VerifyOptions } from './document-token.js';
import { SIGNING_ALGORITHM, type SigningKey } from './signing-keys.js';
import type { IssuedDocument } from '../schemas/document.schema.js';
import { TokenError } from './token-error.js';
import { compactJws, type RawSigningKey } from './compact-jws.js';
import {
  ACCEPTED_ALGORITHMS,
  keyGetterFor,
  toTokenError,
  type VerificationKeys,
} from './verification-keys.js';

/**
 * The QR token's claims, with one-letter names because every byte grows the QR code printed on
 * a plate: `n` document number, `k` kind, `exp` (JWT expiry, seconds) when the document expires.
 */
const qrClaimsSchema = z
  .object({ n: z.string().min(1), k: z.string().min(1), exp: z.int().positive().optional() })
  .strict();

/** What a QR token proves: this number, of this kind, was issued by the key `kid`. */
export interface VerifiedQrToken {
  number: string;
  kind: string;
  /** ISO instant, when the document expires. */
  expiresAt?: string;
  kid: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Signs the short token carried by a document's QR code: a compact JWT of number, kind and
 * expiry only (no personal data: anyone may scan a plate), header { alg, kid } and no `typ`
 * to keep the QR small. It cannot pass for a document: document tokens must carry their `typ`.
 *
 * @example
 * const url = documentVerificationUrl(origin, doc.number, await signQrToken(doc, signingKey));
 */
export async function signQrToken(
  document: IssuedDocument,
  signingKey: SigningKey,
): Promise<string> {
  const { protectedHeader, payload } = qrTokenContent(document, signingKey.kid);
  return new CompactSign(payload).setProtectedHeader(protectedHeader).sign(signingKey.key);
}

/** {@link signQrToken} with a synchronous raw signer: the same token, byte for byte. */
export async function signQrTokenWith(
  document: IssuedDocument,
  signingKey: RawSigningKey,
): Promise<string> {
  const { protectedHeader, payload } = qrTokenContent(document, signingKey.kid);
  return await compactJws(protectedHeader, payload, signingKey.sign);
}

/** What a QR token signs: header { alg, kid } and the short claims. */
function qrTokenContent(document: IssuedDocument, kid: string) {
  const claims: z.infer<typeof qrClaimsSchema> = { n: document.number, k: document.kind };
  if (document.expiresAt !== undefined) {
    claims.exp = Math.ceil(new Date(document.expiresAt).getTime() / 1000);
  }
  return {
    protectedHeader: { alg: SIGNING_ALGORITHM, kid },
    payload: encoder.encode(JSON.stringify(claims)),
  };
}

/**
 * Verifies a QR token against a key resolver or a JWKS. Same errors and options as
 * {@link verifyDocument}.
 *
 * @example
 * const { number, kind } = await verifyQrToken(url.searchParams.get('t') ?? '', jwks);
 */
export async function verifyQrToken(
  token: string,
  keys: VerificationKeys,
  options: VerifyOptions = {},
): Promise<VerifiedQrToken> {
  let verified;
  try {
    verified = await compactVerify(token, keyGetterFor(keys), { algorithms: ACCEPTED_ALGORITHMS });
  } catch (error) {
    throw toTokenError(error);
  }
  const { protectedHeader, payload } = verified;
  const kid = protectedHeader.kid;
  if (protectedHeader.typ === DOCUMENT_TOKEN_TYPE || kid === undefined) {
    throw new TokenError('token_malformed', 'Not a QR token');
  }
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(payload));
  } catch (error) {
    throw new TokenError('token_malformed', 'Payload is not JSON', { cause: error });
  }
  const claims = qrClaimsSchema.safeParse(json);
  if (!claims.success) throw new TokenError('token_malformed', 'Payload is not a QR token');
  const { n, k, exp } = claims.data;
  const expiresAt = exp === undefined ? undefined : new Date(exp * 1000);
  if (options.checkExpiry !== false && expiresAt !== undefined) {
    assertNotExpired(expiresAt, options);
  }
  return { number: n, kind: k, kid, ...(expiresAt && { expiresAt: expiresAt.toISOString() }) };
}

/**
 * The URL a document's QR code opens: the public verification page, which checks the token
 * offline-capable and the status online.
 *
 * @example
 * documentVerificationUrl('https://comptoir.example', 'P-000123', token)
 * // 'https://comptoir.example/verifier/P-000123?t=eyJ...'
 */
export function documentVerificationUrl(origin: string, number: string, token?: string): string {
  const page = `${origin.replace(/\/+$/, '')}/verifier/${encodeURIComponent(number)}`;
  // Without the token the page looks the number up online instead of verifying it offline.
  return token === undefined ? page : `${page}?t=${token}`;
}
