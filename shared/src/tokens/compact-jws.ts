import { base64url } from 'jose';

/**
 * Makes the raw Ed25519 signature of a JWS signing input (the ASCII `header.payload`).
 * Ed25519 is deterministic: any correct implementation gives the same bytes, so a token made
 * with one is the very token jose makes over WebCrypto.
 */
export type RawSigner = (signingInput: Uint8Array) => Uint8Array;

/**
 * A signing key as a synchronous function, for servers that sign many documents at once
 * (on Node: `(input) => crypto.sign(null, input, privateKeyObject)`), avoiding a WebCrypto
 * round trip per signature. The token format stays the one defined here.
 */
export interface RawSigningKey {
  kid: string;
  sign: RawSigner;
}

const encoder = new TextEncoder();

/** A compact JWS (RFC 7515) of `payload` under `protectedHeader`, signed by `sign`. */
export function compactJws(
  protectedHeader: Record<string, string>,
  payload: Uint8Array,
  sign: RawSigner,
): string {
  const signingInput = `${base64url.encode(JSON.stringify(protectedHeader))}.${base64url.encode(payload)}`;
  return `${signingInput}.${base64url.encode(sign(encoder.encode(signingInput)))}`;
}
