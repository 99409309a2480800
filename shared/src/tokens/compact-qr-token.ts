import { base64url, importJWK, type CryptoKey, type JWK } from 'jose';
import type { DocumentKind, IssuedDocument } from '../schemas/document.schema.js';
import { TokenError } from './token-error.js';
import type { RawSigner } from './compact-jws.js';
import type { VerificationKeys } from './verification-keys.js';

/**
 * The compact QR token, version 1: what a server-issued paper's QR code carries since issue
 * "Speed you can feel". Binary, then base32 (RFC 4648, upper case, no padding) so that the QR
 * code holds it in alphanumeric mode (5.5 bits a character instead of 8):
 *
 * | bytes | field |
 * |---|---|
 * | 0 | format: 1 = signed by a server key (2–31 kept for the kiosk-signed offline chain) |
 * | 1 | document kind, by {@link COMPACT_KIND_CODES} |
 * | 2–5 | key hint: the first 4 bytes of the signing key's id (its RFC 7638 SHA-256 thumbprint) |
 * | 6–9 | expiry, seconds since 1970 (unsigned, big-endian); 0 = does not expire |
 * | 10–73 | Ed25519 signature of {@link SIGNED_PREFIX} + bytes 0–9 + the document number (UTF-8) |
 *
 * The number is signed but not carried: it is already in the URL (`/verifier/<number>`), and
 * leaving it out keeps the code at version 8. 74 bytes, 119 characters.
 */
export const COMPACT_QR_FORMAT_SERVER = 1;

/**
 * Kinds by their one-byte code. Append only: a code printed on a paper never changes meaning.
 */
export const COMPACT_KIND_CODES: readonly DocumentKind[] = [
  'provisional_plate',
  'transit',
  'atac',
  'registration_certificate',
  'proof_of_service',
  'proof_of_registration',
  'proof_of_cancellation',
  'receipt',
];

/**
 * Put before what is signed: nothing else the key signs starts this way (a JWS signing input
 * is base64url text, without `/` nor NUL), so a compact signature cannot be replayed as any
 * other Comptoir signature, nor the other way round.
 */
const SIGNED_PREFIX = new TextEncoder().encode('comptoir-qr/1\u0000');
const HEADER_BYTES = 10;
const KEY_HINT_BYTES = 4;
const SIGNATURE_BYTES = 64;
const TOKEN_BYTES = HEADER_BYTES + SIGNATURE_BYTES;
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Tells a compact token from a JWS one (which always holds two dots). */
export function isCompactQrToken(token: string): boolean {
  return /^[A-Z2-7]+$/.test(token);
}

/**
 * True when a compact token names `kid` by its key hint (read, not verified). Enough to tell a
 * person that a paper carries a key the registry revoked: the signature is refused either way.
 */
export function compactTokenNamesKey(token: string, kid: string): boolean {
  const bytes = base32Decode(token);
  if (bytes?.length !== TOKEN_BYTES) return false;
  return sameBytes(bytes.slice(2, 2 + KEY_HINT_BYTES), keyHint(kid));
}

/** Signs the compact QR token of `document` (see {@link COMPACT_QR_FORMAT_SERVER}). */
export async function signCompactQrToken(
  document: IssuedDocument,
  kid: string,
  sign: RawSigner,
): Promise<string> {
  const kindCode = COMPACT_KIND_CODES.indexOf(document.kind);
  if (kindCode < 0) throw new TokenError('token_malformed', `No compact code for ${document.kind}`);
  const header = new Uint8Array(HEADER_BYTES);
  header[0] = COMPACT_QR_FORMAT_SERVER;
  header[1] = kindCode;
  header.set(keyHint(kid), 2);
  const expiry =
    document.expiresAt === undefined ? 0 : Math.ceil(new Date(document.expiresAt).getTime() / 1000);
  new DataView(header.buffer).setUint32(6, expiry);
  const signature = await sign(signedMessage(header, document.number));
  if (signature.length !== SIGNATURE_BYTES) {
    throw new TokenError('token_malformed', 'Not an Ed25519 signature');
  }
  const token = new Uint8Array(TOKEN_BYTES);
  token.set(header);
  token.set(signature, HEADER_BYTES);
  return base32Encode(token);
}

/** What a compact token proved, before the caller's expiry check. */
export interface VerifiedCompactToken {
  kind: DocumentKind;
  kid: string;
  /** Seconds since 1970, absent when the document does not expire. */
  expiresAtSeconds?: number;
}

/**
 * Verifies a compact token for the document `number` (read from the URL it came in). The key
 * is found by its hint among the JWKS's keys, or among `candidateKids` for a resolver.
 * Throws {@link TokenError}: token_malformed | token_unknown_key | token_bad_signature.
 */
export async function verifyCompactQrToken(
  token: string,
  number: string,
  keys: VerificationKeys,
  candidateKids: readonly string[] = [],
): Promise<VerifiedCompactToken> {
  const bytes = base32Decode(token);
  if (bytes?.length !== TOKEN_BYTES) throw new TokenError('token_malformed', 'Not a QR token');
  if (bytes[0] !== COMPACT_QR_FORMAT_SERVER) {
    throw new TokenError('token_malformed', `Unknown QR token format ${String(bytes[0])}`);
  }
  const kind = COMPACT_KIND_CODES[bytes[1] ?? 255];
  if (kind === undefined) throw new TokenError('token_malformed', 'Unknown document kind');
  const header = bytes.slice(0, HEADER_BYTES);
  const signature = bytes.slice(HEADER_BYTES);
  const message = signedMessage(header, number);
  const hint = header.slice(2, 2 + KEY_HINT_BYTES);
  const candidates = await keysMatching(hint, keys, candidateKids);
  if (candidates.length === 0) throw new TokenError('token_unknown_key', 'No key matches the hint');
  for (const { kid, key } of candidates) {
    if (await verifyEd25519(key, signature, message)) {
      const expiry = new DataView(header.buffer).getUint32(6);
      return { kind, kid, ...(expiry !== 0 && { expiresAtSeconds: expiry }) };
    }
  }
  throw new TokenError('token_bad_signature', 'Signature not valid');
}

function signedMessage(header: Uint8Array, number: string): Uint8Array {
  const numberBytes = new TextEncoder().encode(number);
  const message = new Uint8Array(SIGNED_PREFIX.length + header.length + numberBytes.length);
  message.set(SIGNED_PREFIX);
  message.set(header, SIGNED_PREFIX.length);
  message.set(numberBytes, SIGNED_PREFIX.length + header.length);
  return message;
}

/** The first bytes of a key id (base64url of a SHA-256 thumbprint; any other id is hashed). */
function keyHint(kid: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = base64url.decode(kid);
  } catch {
    bytes = new TextEncoder().encode(kid);
  }
  const hint = new Uint8Array(KEY_HINT_BYTES);
  hint.set(bytes.slice(0, KEY_HINT_BYTES));
  return hint;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

async function keysMatching(
  hint: Uint8Array,
  keys: VerificationKeys,
  candidateKids: readonly string[],
): Promise<{ kid: string; key: CryptoKey | JWK }[]> {
  if (typeof keys !== 'function') {
    return keys.keys
      .filter((jwk) => jwk.kid !== undefined && sameBytes(keyHint(jwk.kid), hint))
      .map((jwk) => ({ kid: jwk.kid ?? '', key: jwk }));
  }
  const found: { kid: string; key: CryptoKey | JWK }[] = [];
  for (const kid of new Set(candidateKids)) {
    if (!sameBytes(keyHint(kid), hint)) continue;
    const key = await keys(kid);
    if (key !== undefined) found.push({ kid, key });
  }
  return found;
}

async function verifyEd25519(
  key: CryptoKey | JWK,
  signature: Uint8Array,
  message: Uint8Array,
): Promise<boolean> {
  let publicKey: CryptoKey;
  if (isJwk(key)) {
    // Only Ed25519 public keys: the same refusal of any other algorithm as the JWS path.
    if (key.kty !== 'OKP' || key.crv !== 'Ed25519' || key.d !== undefined) return false;
    const { kty, crv, x } = key;
    const imported = await importJWK({ kty, crv, x }, 'EdDSA');
    if (imported instanceof Uint8Array) return false;
    publicKey = imported;
  } else {
    publicKey = key;
  }
  return crypto.subtle.verify(
    'Ed25519',
    publicKey,
    signature as Uint8Array<ArrayBuffer>,
    message as Uint8Array<ArrayBuffer>,
  );
}

function isJwk(key: CryptoKey | JWK): key is JWK {
  return !('algorithm' in key);
}

/** RFC 4648 base32, upper case, without padding. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** The bytes of a {@link base32Encode} string, or undefined when it is not one. */
export function base32Decode(text: string): Uint8Array | undefined {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) return undefined;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  // Leftover bits must be padding zeros: one token, one spelling.
  if (bits >= 5 || buffer !== 0) return undefined;
  return Uint8Array.from(out);
}
