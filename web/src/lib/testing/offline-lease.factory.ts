import { newId } from '@comptoir/shared';
import { kioskKeyThumbprint, type KioskPublicJwk, type Lease } from '@comptoir/shared/offline';

/** A kiosk key as the kiosk makes it: WebCrypto Ed25519, private half not extractable. */
export async function makeKioskKey() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicJwk: KioskPublicJwk = { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x) };
  const thumbprint = await kioskKeyThumbprint(publicJwk);
  return { publicJwk, thumbprint, key: pair.privateKey, kid: thumbprint };
}

/** A lease (payload) of a transit block 11-20 and an ATAC block 1-5 over 3 days. */
export function makeLease(
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
