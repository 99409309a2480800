import {
  createLocalJWKSet,
  errors,
  type CompactJWSHeaderParameters,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { SIGNING_ALGORITHM } from './signing-keys.js';
import { TokenError } from './token-error.js';

/**
 * Finds the public key for a key id, or `undefined` when the id is unknown. This is where a
 * second kind of signer plugs in: an enrolled kiosk's key, certified by the server, can be
 * resolved here alongside the server's own keys (`issuedBy.signer: 'kiosk'`).
 */
export type KeyResolver = (
  kid: string,
) => Promise<CryptoKey | JWK | undefined> | CryptoKey | JWK | undefined;

/** What verification accepts: a resolver, or a JWKS such as `/.well-known/jwks.json`. */
export type VerificationKeys = KeyResolver | JSONWebKeySet;

/** Only EdDSA: `none`, HS256 and any algorithm swap are refused before a key is even looked at. */
export const ACCEPTED_ALGORITHMS = [SIGNING_ALGORITHM];

type HeaderKeyGetter = (header: CompactJWSHeaderParameters) => Promise<CryptoKey | JWK>;

/** Adapts either form of {@link VerificationKeys} to jose's header-based key getter. */
export function keyGetterFor(keys: VerificationKeys): HeaderKeyGetter {
  if (typeof keys !== 'function') {
    const jwks = createLocalJWKSet(keys);
    return async (header) => {
      if (header.kid === undefined) throw new TokenError('token_malformed', 'No kid in header');
      return jwks(header);
    };
  }
  return async (header) => {
    if (header.kid === undefined) throw new TokenError('token_malformed', 'No kid in header');
    const found = await keys(header.kid);
    if (found === undefined) {
      throw new TokenError('token_unknown_key', `Unknown key id ${header.kid}`);
    }
    // A JWK goes back to jose as is: it imports it for the header's (already allowed) alg.
    return found;
  };
}

/**
 * Translates jose's error classes into the four stable {@link TokenError} codes. Anything else
 * (a key resolver that could not reach its key store, say) is returned unchanged: it is a
 * transient failure to retry, not a verdict on the token.
 */
export function toTokenError(error: unknown): unknown {
  if (error instanceof TokenError || !(error instanceof errors.JOSEError)) return error;
  if (error instanceof errors.JWTExpired) {
    return new TokenError('token_expired', 'Token expired', { cause: error });
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new TokenError('token_unknown_key', 'No key matches the token', { cause: error });
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JOSEAlgNotAllowed
  ) {
    return new TokenError('token_bad_signature', 'Signature not valid', { cause: error });
  }
  return new TokenError('token_malformed', 'Token malformed', { cause: error });
}
