/** Factories of leases and offline documents for tests (a server key, a kiosk key, a paper). */
import { exportJWK, generateKeyPair } from 'jose';
import { transitExpiry } from '../domain/validity.js';
import type { IssuedDocument } from '../schemas/document.schema.js';
import { generateSigningKeyPair, importSigningKey } from '../tokens/signing-keys.js';
import { kioskKeyThumbprint } from '../offline/lease-token.js';
import type { KioskPublicJwk, Lease } from '../offline/lease.schema.js';
import { newId } from '../ids.js';

/** A server signing key and the JWKS that trusts it. */
export async function testServerKey() {
  const pair = await generateSigningKeyPair();
  const key = await importSigningKey(pair.privateJwk);
  return { key, jwks: { keys: [{ ...pair.publicJwk, kid: pair.kid }] } };
}

/** A kiosk key as the kiosk makes it: WebCrypto Ed25519, private half not extractable. */
export async function testKioskKey() {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', {
    crv: 'Ed25519',
    extractable: false,
  });
  const jwk = await exportJWK(publicKey);
  const publicJwk: KioskPublicJwk = { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x) };
  const thumbprint = await kioskKeyThumbprint(publicJwk);
  return { publicJwk, thumbprint, signingKey: { key: privateKey, kid: thumbprint } };
}

/** A lease of a transit and an ATAC block over `[issuedAt, issuedAt + 3 days)`. */
export function testLease(
  kiosk: { publicJwk: KioskPublicJwk; thumbprint: string },
  overrides: Partial<Lease> = {},
): Lease {
  const issuedAt = overrides.issuedAt ?? '2026-11-20T15:00:00.000Z';
  return {
    v: 1,
    leaseId: newId(),
    kioskId: newId(),
    kioskKey: kiosk.publicJwk,
    kioskKeyThumbprint: kiosk.thumbprint,
    licence: 'L-100001',
    dealerId: 'dealer-1',
    dealerNeq: '1145236789',
    issuedAt,
    expiresAt: new Date(Date.parse(issuedAt) + 3 * 24 * 3600 * 1000).toISOString(),
    blocks: [
      { kind: 'transit', series: 'TH', year: '2026', first: 11, last: 20, cap: 10 },
      { kind: 'atac', series: 'ATACH', year: '2026', first: 1, last: 5, cap: 5 },
    ],
    ...overrides,
  };
}

/** A transit issued offline under `lease` at `issuedAt` (4 days, expiry by the rule). */
export function testOfflineTransit(
  lease: Lease,
  number: string,
  issuedAt: string,
  overrides: Record<string, unknown> = {},
): IssuedDocument {
  return {
    schemaVersion: 1,
    kind: 'transit',
    number,
    licence: lease.licence,
    dealer: { name: 'Autos Laval inc.', neq: lease.dealerNeq },
    issuedAt,
    expiresAt: transitExpiry(new Date(issuedAt), 4).toISOString(),
    days: 4,
    reason: 'register_at_service_point',
    holder: { name: 'Marie Tremblay' },
    vehicle: { vin: '1HGCM82633A004352', make: 'Honda', model: 'Accord', year: 2003 },
    issuedBy: { signer: 'kiosk', kid: lease.kioskKeyThumbprint, leaseId: lease.leaseId },
    ...overrides,
  } as IssuedDocument;
}
