import { CompactSign, compactVerify } from 'jose';
import { revocationFeedSchema, type RevocationFeed } from '../schemas/revocation.schema.js';
import { compactJws, type RawSigningKey } from './compact-jws.js';
import { SIGNING_ALGORITHM, type SigningKey } from './signing-keys.js';
import { TokenError } from './token-error.js';
import {
  ACCEPTED_ALGORITHMS,
  keyGetterFor,
  toTokenError,
  type VerificationKeys,
} from './verification-keys.js';

/**
 * `typ` of a revocation feed JWS. Its own type, so that a document token (or any other JWS of
 * the same key) is never read as a feed, nor a feed as a document.
 */
export const REVOCATION_FEED_TOKEN_TYPE = 'comptoir-revocations+jws';

/** A revocation feed whose signature checked out, and the key that signed it. */
export interface VerifiedRevocationFeed {
  feed: RevocationFeed;
  kid: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function feedTokenContent(feed: RevocationFeed, kid: string) {
  const parsed = revocationFeedSchema.safeParse(feed);
  if (!parsed.success) throw new TokenError('token_malformed', 'Not a revocation feed');
  return {
    protectedHeader: { alg: SIGNING_ALGORITHM, kid, typ: REVOCATION_FEED_TOKEN_TYPE },
    payload: encoder.encode(JSON.stringify(parsed.data)),
  };
}

/**
 * Signs a dealer's revocation feed as a compact JWS (alg EdDSA, kid, typ
 * {@link REVOCATION_FEED_TOKEN_TYPE}).
 *
 * @example
 * const jws = await signRevocationFeed({ dealer, sequence: 3, issuedAt, revoked }, key);
 */
export async function signRevocationFeed(
  feed: RevocationFeed,
  signingKey: SigningKey,
): Promise<string> {
  const { protectedHeader, payload } = feedTokenContent(feed, signingKey.kid);
  return new CompactSign(payload).setProtectedHeader(protectedHeader).sign(signingKey.key);
}

/**
 * {@link signRevocationFeed} with a raw signer (the server's thread-pool key): the same token.
 *
 * @example
 * const jws = await signRevocationFeedWith(feed, server.signer.current().rawSigningKey);
 */
export async function signRevocationFeedWith(
  feed: RevocationFeed,
  signingKey: RawSigningKey,
): Promise<string> {
  const { protectedHeader, payload } = feedTokenContent(feed, signingKey.kid);
  return compactJws(protectedHeader, payload, signingKey.sign);
}

/**
 * Verifies a revocation feed JWS against the keys the caller trusts, checks its `typ` and
 * parses its payload strictly. I/O-free: the print agent passes its merged key set.
 * Throws {@link TokenError}: token_malformed (not a feed: wrong typ, bad payload) |
 * token_bad_signature | token_unknown_key (a key the caller does not trust).
 *
 * @example
 * const { feed } = await verifyRevocationFeed(jws, (kid) => keys.find(kid));
 */
export async function verifyRevocationFeed(
  jws: string,
  keys: VerificationKeys,
): Promise<VerifiedRevocationFeed> {
  let verified;
  try {
    verified = await compactVerify(jws, keyGetterFor(keys), { algorithms: ACCEPTED_ALGORITHMS });
  } catch (error) {
    throw toTokenError(error);
  }
  const { protectedHeader, payload } = verified;
  if (protectedHeader.typ !== REVOCATION_FEED_TOKEN_TYPE || protectedHeader.kid === undefined) {
    throw new TokenError('token_malformed', 'Not a Comptoir revocation feed');
  }
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(payload));
  } catch (error) {
    throw new TokenError('token_malformed', 'Payload is not JSON', { cause: error });
  }
  const parsed = revocationFeedSchema.safeParse(json);
  if (!parsed.success) {
    throw new TokenError('token_malformed', 'Payload is not a revocation feed', {
      cause: parsed.error,
    });
  }
  return { feed: parsed.data, kid: protectedHeader.kid };
}

/**
 * Whether a newly received feed may replace the one kept for its dealer: only a higher
 * sequence does (an older feed, replayed or delayed, never undoes a newer void).
 */
export function isNewerFeed(received: RevocationFeed, kept: RevocationFeed | undefined): boolean {
  return kept === undefined || received.sequence > kept.sequence;
}
