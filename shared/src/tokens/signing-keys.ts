import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';
import { TokenError } from './token-error.js';

/**
 * The JWS algorithm of every Comptoir signature. Ed25519 keys are small, signatures are
 * 64 bytes (short QR codes) and WebCrypto has them in Node 20 and current browsers.
 */
export const SIGNING_ALGORITHM = 'EdDSA';

/** A freshly generated key pair, ready to be stored (private) and published (public). */
export interface SigningKeyPair {
  /** Private JWK, with `kid`, `alg` and `use`; keep it secret (server data dir). */
  privateJwk: JWK;
  /** Public JWK to publish in `/.well-known/jwks.json`. */
  publicJwk: JWK;
  /** RFC 7638 thumbprint of the public key: stable, derived, never chosen by hand. */
  kid: string;
}

/** A private key loaded for signing, with the key id that goes into every header. */
export interface SigningKey {
  key: CryptoKey;
  kid: string;
}

/**
 * Generates an Ed25519 key pair whose key id is the RFC 7638 thumbprint of its public key.
 *
 * @example
 * const { privateJwk, publicJwk, kid } = await generateSigningKeyPair();
 */
export async function generateSigningKeyPair(): Promise<SigningKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, {
    crv: 'Ed25519',
    extractable: true,
  });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const labels = { kid, alg: SIGNING_ALGORITHM, use: 'sig' };
  return {
    privateJwk: { ...(await exportJWK(privateKey)), ...labels },
    publicJwk: { ...publicJwk, ...labels },
    kid,
  };
}

/**
 * Loads a private JWK (as made by {@link generateSigningKeyPair}) for signing. The key id is
 * recomputed from the key itself, so a stored `kid` that does not match cannot slip through.
 *
 * @example
 * const signingKey = await importSigningKey(JSON.parse(await readFile(path, 'utf8')));
 */
export async function importSigningKey(privateJwk: JWK): Promise<SigningKey> {
  if (privateJwk.kty !== 'OKP' || privateJwk.crv !== 'Ed25519' || privateJwk.d === undefined) {
    throw new TokenError('token_malformed', 'Not an Ed25519 private JWK');
  }
  const key = await importJWK(privateJwk, SIGNING_ALGORITHM);
  if (key instanceof Uint8Array) throw new TokenError('token_malformed', 'Not an asymmetric key');
  const { kty, crv, x } = privateJwk;
  return { key, kid: await calculateJwkThumbprint({ kty, crv, x }) };
}

/**
 * The public half of a private JWK, labelled like {@link generateSigningKeyPair} does, for
 * publishing after a restart from a stored private key.
 */
export async function publicJwkOf(privateJwk: JWK): Promise<JWK> {
  const { kty, crv, x } = privateJwk;
  const kid = await calculateJwkThumbprint({ kty, crv, x });
  return { kty, crv, x, kid, alg: SIGNING_ALGORITHM, use: 'sig' };
}
