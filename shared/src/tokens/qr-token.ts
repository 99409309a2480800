import { CompactSign, compactVerify } from 'jose';
import { z } from 'zod';
import { assertNotExpired, DOCUMENT_TOKEN_TYPE, type VerifyOptions } from './document-token.js';
import { SIGNING_ALGORITHM, type SigningKey } from './signing-keys.js';
import type { IssuedDocument } from '../schemas/document.schema.js';
import { TokenError } from './token-error.js';
import { compactJws, type RawSigningKey } from './compact-jws.js';
import { isCompactQrToken, signCompactQrToken, verifyCompactQrToken } from './compact-qr-token.js';
import {
  ACCEPTED_ALGORITHMS,
  keyGetterFor,
  toTokenError,
  type VerificationKeys,
} from './verification-keys.js';

/**
 * The first QR token format (a compact JWS), printed on papers issued before the compact
 * token: its claims, with one-letter names because every byte grows the QR code printed on
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
  /** `compact`: the current format; `jws`: the first one, on papers printed before it. */
  format: 'compact' | 'jws';
}

/** Options of {@link verifyQrToken}. */
export interface VerifyQrOptions extends VerifyOptions {
  /**
   * The document number the token came with (the `/verifier/<number>` of its URL, the
   * document being printed). Required for a compact token, whose signature covers the
   * number without carrying it; unused for a JWS token, which carries its own.
   */
  number?: string;
  /**
   * Key ids to try when `keys` is a resolver and the token names its key by a short hint
   * (compact tokens): the document's own `issuedBy.kid`, say. A JWKS needs none.
   */
  candidateKids?: readonly string[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Signs the token carried by a document's QR code: the compact token (see
 * `compact-qr-token.ts`) of its kind and expiry, bound to its number, no personal data
 * (anyone may scan a plate). Short enough for a version 8 QR code with a 43-character origin.
 *
 * @example
 * const url = documentVerificationUrl(origin, doc.number, await signQrToken(doc, signingKey));
 */
export async function signQrToken(
  document: IssuedDocument,
  signingKey: SigningKey,
): Promise<string> {
  return signCompactQrToken(document, signingKey.kid, async (message) => {
    const key = signingKey.key;
    return new Uint8Array(
      await crypto.subtle.sign('Ed25519', key, message as Uint8Array<ArrayBuffer>),
    );
  });
}

/** {@link signQrToken} with a raw signer: the same token, byte for byte (Ed25519). */
export async function signQrTokenWith(
  document: IssuedDocument,
  signingKey: RawSigningKey,
): Promise<string> {
  return signCompactQrToken(document, signingKey.kid, signingKey.sign);
}

/**
 * The first QR token format, a compact JWT of number, kind and expiry (header { alg, kid },
 * no `typ`). No longer issued: kept so that tests can make the tokens printed on papers
 * still in rear windows, which {@link verifyQrToken} keeps accepting.
 */
export async function signJwsQrToken(
  document: IssuedDocument,
  signingKey: SigningKey,
): Promise<string> {
  const { protectedHeader, payload } = qrTokenContent(document, signingKey.kid);
  return new CompactSign(payload).setProtectedHeader(protectedHeader).sign(signingKey.key);
}

/** {@link signJwsQrToken} with a raw signer. */
export async function signJwsQrTokenWith(
  document: IssuedDocument,
  signingKey: RawSigningKey,
): Promise<string> {
  const { protectedHeader, payload } = qrTokenContent(document, signingKey.kid);
  return await compactJws(protectedHeader, payload, signingKey.sign);
}

/** What a JWS QR token signs: header { alg, kid } and the short claims. */
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
 * Verifies a QR token of either format (compact, or the JWS of papers printed before it)
 * against a key resolver or a JWKS. Same errors and options as {@link verifyDocument}. A
 * compact token of another number than `options.number` fails as `token_bad_signature` (its
 * signature covers the number); a JWS token carries its own number, returned for the caller
 * to compare.
 *
 * @example
 * const { kind } = await verifyQrToken(url.searchParams.get('t') ?? '', jwks, { number });
 */
export async function verifyQrToken(
  token: string,
  keys: VerificationKeys,
  options: VerifyQrOptions = {},
): Promise<VerifiedQrToken> {
  if (isCompactQrToken(token)) {
    if (options.number === undefined) {
      throw new TokenError('token_malformed', 'A compact QR token needs its document number');
    }
    const verified = await verifyCompactQrToken(token, options.number, keys, options.candidateKids);
    const expiresAt =
      verified.expiresAtSeconds === undefined
        ? undefined
        : new Date(verified.expiresAtSeconds * 1000);
    if (options.checkExpiry !== false && expiresAt !== undefined) {
      assertNotExpired(expiresAt, options);
    }
    return {
      number: options.number,
      kind: verified.kind,
      kid: verified.kid,
      format: 'compact',
      ...(expiresAt && { expiresAt: expiresAt.toISOString() }),
    };
  }
  return verifyJwsQrToken(token, keys, options);
}

async function verifyJwsQrToken(
  token: string,
  keys: VerificationKeys,
  options: VerifyOptions,
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
  return {
    number: n,
    kind: k,
    kid,
    format: 'jws',
    ...(expiresAt && { expiresAt: expiresAt.toISOString() }),
  };
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
