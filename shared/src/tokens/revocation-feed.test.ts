import { describe, expect, it } from 'vitest';
import type { RevocationFeed } from '../schemas/revocation.schema.js';
import { isNewerFeed, signRevocationFeed, verifyRevocationFeed } from './revocation-feed.js';
import { generateSigningKeyPair, importSigningKey } from './signing-keys.js';
import { CompactSign } from 'jose';

async function signer() {
  const pair = await generateSigningKeyPair();
  const key = await importSigningKey(pair.privateJwk);
  return { key, jwks: { keys: [{ ...pair.publicJwk, kid: pair.kid }] } };
}

function feed(sequence: number): RevocationFeed {
  return {
    dealer: 'dealer-1',
    sequence,
    issuedAt: '2026-03-10T15:00:00.000Z',
    revoked: [
      { number: 'PP-000001', kind: 'provisional_plate', expiresAt: '2026-04-25T03:59:59.000Z' },
    ],
  };
}

describe('revocation feed tokens', () => {
  it('verifies a feed signed by a trusted key', async () => {
    const server = await signer();
    const jws = await signRevocationFeed(feed(3), server.key);
    const verified = await verifyRevocationFeed(jws, server.jwks);
    expect(verified).toEqual({ feed: feed(3), kid: server.key.kid });
  });

  it('refuses a feed signed by another key, and a tampered one', async () => {
    const server = await signer();
    const forger = await signer();
    const forged = await signRevocationFeed(feed(3), forger.key);
    await expect(verifyRevocationFeed(forged, server.jwks)).rejects.toMatchObject({
      code: 'token_unknown_key',
    });
    // The forger's key under the server's kid: the signature does not hold.
    const [, payload] = (await signRevocationFeed(feed(9), server.key)).split('.');
    const [header, , signature] = (
      await signRevocationFeed(feed(3), { ...forger.key, kid: server.key.kid })
    ).split('.');
    await expect(
      verifyRevocationFeed(`${header}.${payload}.${signature}`, server.jwks),
    ).rejects.toMatchObject({ code: 'token_bad_signature' });
  });

  it('refuses a JWS of the same key without the feed typ', async () => {
    const server = await signer();
    const bare = await new CompactSign(new TextEncoder().encode(JSON.stringify(feed(3))))
      .setProtectedHeader({ alg: 'EdDSA', kid: server.key.kid })
      .sign(server.key.key);
    await expect(verifyRevocationFeed(bare, server.jwks)).rejects.toMatchObject({
      code: 'token_malformed',
    });
  });

  it('only a higher sequence replaces the kept feed', () => {
    expect(isNewerFeed(feed(2), undefined)).toBe(true);
    expect(isNewerFeed(feed(3), feed(2))).toBe(true);
    expect(isNewerFeed(feed(2), feed(2))).toBe(false);
    expect(isNewerFeed(feed(1), feed(2))).toBe(false);
  });
});
