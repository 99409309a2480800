import { base64url } from 'jose';

/**
 * Makes the raw Ed25519 signature of a JWS signing input (the ASCII `header.payload`).
 * Ed25519 is deterministic: any correct implementation gives the same bytes, so a token made
 * with one is the very token jose makes over WebCrypto.
 */
export type RawSigner = (signingInput: Uint8Array) => Promise<Uint8Array>;

/**
 * A signing key as a plain function, for servers that sign many documents at once (on Node,
 * `crypto.sign(null, input, privateKeyObject, callback)` on the thread pool, without jose's
 * WebCrypto layers). The token format stays the one defined here.
 */
export interface RawSigningKey {
  kid: string;
  sign: RawSigner;
}

const encoder = new TextEncoder();

/** A compact JWS (RFC 7515) of `payload` under `protectedHeader`, signed by `sign`. */
export async function compactJws(
  protectedHeader: Record<string, string>,
  payload: Uint8Array,
  sign: RawSigner,
): Promise<string> {
  const signingInput = `${base64url.encode(JSON.stringify(protectedHeader))}.${base64url.encode(payload)}`;
  return `${signingInput}.${base64url.encode(await sign(encoder.encode(signingInput)))}`;
}
