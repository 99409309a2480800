import { calculateJwkThumbprint, CompactSign, compactVerify } from 'jose';
import { compactJws, type RawSigningKey } from '../tokens/compact-jws.js';
import { SIGNING_ALGORITHM, type SigningKey } from '../tokens/signing-keys.js';
import { TokenError } from '../tokens/token-error.js';
import {
  ACCEPTED_ALGORITHMS,
  keyGetterFor,
  toTokenError,
  type VerificationKeys,
} from '../tokens/verification-keys.js';
import { leaseSchema, leaseShapeProblem, type KioskPublicJwk, type Lease } from './lease.schema.js';

/** `typ` of a lease JWS: never read as a document or a feed of the same key, nor they as a lease. */
export const LEASE_TOKEN_TYPE = 'comptoir-lease+jws';

/** A lease whose server signature checked out, and the server key that signed it. */
export interface VerifiedLease {
  lease: Lease;
  kid: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The RFC 7638 thumbprint of a kiosk's public key: the `kid` its documents carry and the name
 * a lease gives the key.
 *
 * @example const thumbprint = await kioskKeyThumbprint(publicJwk);
 */
export async function kioskKeyThumbprint(publicKey: KioskPublicJwk): Promise<string> {
  return calculateJwkThumbprint({ kty: publicKey.kty, crv: publicKey.crv, x: publicKey.x });
}

async function leaseTokenContent(lease: Lease, kid: string) {
  const parsed = leaseSchema.safeParse(lease);
  if (!parsed.success) throw new TokenError('token_malformed', 'Not a lease');
  if (leaseShapeProblem(parsed.data) !== null) {
    throw new TokenError('token_malformed', 'Lease window or blocks break the lease rules');
  }
  if ((await kioskKeyThumbprint(parsed.data.kioskKey)) !== parsed.data.kioskKeyThumbprint) {
    throw new TokenError('token_malformed', 'kioskKeyThumbprint is not the key’s thumbprint');
  }
  return {
    protectedHeader: { alg: SIGNING_ALGORITHM, kid, typ: LEASE_TOKEN_TYPE },
    payload: encoder.encode(JSON.stringify(parsed.data)),
  };
}

/**
 * Signs a lease with the server key (compact JWS, alg EdDSA, typ {@link LEASE_TOKEN_TYPE}).
 * Refuses a lease whose window or blocks break the rules, or whose thumbprint is not its key's.
 *
 * @example const jws = await signLease(lease, serverSigningKey);
 */
export async function signLease(lease: Lease, signingKey: SigningKey): Promise<string> {
  const { protectedHeader, payload } = await leaseTokenContent(lease, signingKey.kid);
  return new CompactSign(payload).setProtectedHeader(protectedHeader).sign(signingKey.key);
}

/**
 * {@link signLease} with a raw signer (the server's thread-pool key): the same token.
 *
 * @example const jws = await signLeaseWith(lease, server.signer.current().rawSigningKey);
 */
export async function signLeaseWith(lease: Lease, signingKey: RawSigningKey): Promise<string> {
  const { protectedHeader, payload } = await leaseTokenContent(lease, signingKey.kid);
  return compactJws(protectedHeader, payload, signingKey.sign);
}

/**
 * Verifies a lease JWS against the server keys the caller trusts, then its content: the
 * schema (strict), the window and blocks ({@link leaseShapeProblem}) and the thumbprint of the
 * named key. Expiry is NOT judged here: a paper issued inside the window stays good after the
 * lease ends; the caller compares the issue time (see `verifyOfflineChain`).
 * Throws {@link TokenError}: token_malformed | token_bad_signature | token_unknown_key.
 *
 * @example const { lease } = await verifyLease(jws, jwks);
 */
export async function verifyLease(jws: string, keys: VerificationKeys): Promise<VerifiedLease> {
  let verified;
  try {
    verified = await compactVerify(jws, keyGetterFor(keys), { algorithms: ACCEPTED_ALGORITHMS });
  } catch (error) {
    throw toTokenError(error);
  }
  const { protectedHeader, payload } = verified;
  if (protectedHeader.typ !== LEASE_TOKEN_TYPE || protectedHeader.kid === undefined) {
    throw new TokenError('token_malformed', 'Not a Comptoir lease');
  }
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(payload));
  } catch (error) {
    throw new TokenError('token_malformed', 'Payload is not JSON', { cause: error });
  }
  const parsed = leaseSchema.safeParse(json);
  if (!parsed.success) {
    throw new TokenError('token_malformed', 'Payload is not a lease', { cause: parsed.error });
  }
  if (leaseShapeProblem(parsed.data) !== null) {
    throw new TokenError('token_malformed', 'Lease window or blocks break the lease rules');
  }
  if ((await kioskKeyThumbprint(parsed.data.kioskKey)) !== parsed.data.kioskKeyThumbprint) {
    throw new TokenError('token_malformed', 'kioskKeyThumbprint is not the key’s thumbprint');
  }
  return { lease: parsed.data, kid: protectedHeader.kid };
}

/**
 * Whether `lease` may issue at `now` (the kiosk asks before taking a number):
 * `issuedAt <= now < expiresAt`.
 */
export function isLeaseOpen(lease: Lease, now: Date): boolean {
  return new Date(lease.issuedAt) <= now && now < new Date(lease.expiresAt);
}
