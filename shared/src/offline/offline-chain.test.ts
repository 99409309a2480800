import { describe, expect, it } from 'vitest';
import { testKioskKey, testLease, testOfflineTransit, testServerKey } from '../testing/offline.js';
import { leaseExpiryLimit, leaseRequestSchema, type Lease } from './lease.schema.js';
import { signLease, verifyLease } from './lease-token.js';
import { signOfflineDocument } from './offline-document.js';
import { verifyOfflineChain, type OfflineChainOptions } from './offline-chain.js';
import { blockNumbers, formatOfflineNumber, isInBlock } from './offline-series.js';

const during = '2026-11-21T14:00:00.000Z';
const verifierNow = new Date('2026-11-21T14:05:00.000Z');

async function setup(overrides: Partial<Lease> = {}) {
  const server = await testServerKey();
  const kiosk = await testKioskKey();
  const lease = testLease(kiosk, overrides);
  const leaseJws = await signLease(lease, server.key);
  return { server, kiosk, lease, leaseJws };
}

async function chainCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('offline number series', () => {
  it('formats offline numbers in their own series and tells block membership', () => {
    const block = {
      kind: 'transit',
      series: 'TH',
      year: '2026',
      first: 11,
      last: 13,
      cap: 3,
    } as const;
    expect(formatOfflineNumber('transit', '2026', 12)).toBe('TH-2026-000012');
    expect(formatOfflineNumber('atac', '2026', 1)).toBe('ATACH-2026-000001');
    expect(blockNumbers(block)).toEqual(['TH-2026-000011', 'TH-2026-000012', 'TH-2026-000013']);
    expect(isInBlock('TH-2026-000013', block)).toBe(true);
    expect(isInBlock('TH-2026-000014', block)).toBe(false);
    expect(isInBlock('TH-2026-000010', block)).toBe(false);
    expect(isInBlock('T-2026-000012', block)).toBe(false);
    expect(isInBlock('TH-2027-000012', block)).toBe(false);
    expect(isInBlock('TH-2026-12', block)).toBe(false);
  });
});

describe('lease', () => {
  it('never lasts more than 7 days nor crosses 1 January (local time)', () => {
    const week = leaseExpiryLimit(new Date('2026-06-01T12:00:00Z'));
    expect(week.toISOString()).toBe('2026-06-08T12:00:00.000Z');
    // 1 January 2027 00:00 in Québec is 05:00 UTC.
    expect(leaseExpiryLimit(new Date('2026-12-29T12:00:00Z')).toISOString()).toBe(
      '2027-01-01T05:00:00.000Z',
    );
  });

  it('refuses to sign a lease of more than 7 days, one crossing the year, or a wrong thumbprint', async () => {
    const server = await testServerKey();
    const kiosk = await testKioskKey();
    const long = testLease(kiosk, { expiresAt: '2026-11-27T15:00:01.000Z' });
    await expect(signLease(long, server.key)).rejects.toMatchObject({ code: 'token_malformed' });
    const acrossYear = testLease(kiosk, {
      issuedAt: '2026-12-30T12:00:00.000Z',
      expiresAt: '2027-01-02T12:00:00.000Z',
    });
    await expect(signLease(acrossYear, server.key)).rejects.toMatchObject({
      code: 'token_malformed',
    });
    const other = await testKioskKey();
    const wrong = testLease(kiosk, { kioskKeyThumbprint: other.thumbprint });
    await expect(signLease(wrong, server.key)).rejects.toMatchObject({ code: 'token_malformed' });
  });

  it('verifies against the server key and refuses another key', async () => {
    const { server, lease, leaseJws } = await setup();
    expect((await verifyLease(leaseJws, server.jwks)).lease).toEqual(lease);
    const forger = await testServerKey();
    await expect(verifyLease(leaseJws, forger.jwks)).rejects.toMatchObject({
      code: 'token_unknown_key',
    });
  });

  it('refuses a request carrying the private key', async () => {
    const kiosk = await testKioskKey();
    expect(
      leaseRequestSchema.safeParse({ publicKey: kiosk.publicJwk, kinds: ['transit'] }).success,
    ).toBe(true);
    const withPrivate = { ...kiosk.publicJwk, d: 'A'.repeat(43) };
    expect(
      leaseRequestSchema.safeParse({ publicKey: withPrivate, kinds: ['transit'] }).success,
    ).toBe(false);
    expect(
      leaseRequestSchema.safeParse({ publicKey: kiosk.publicJwk, kinds: ['transit', 'transit'] })
        .success,
    ).toBe(false);
  });
});

describe('verifyOfflineChain', () => {
  const options: OfflineChainOptions = { now: verifierNow };

  it('verifies server key -> lease -> kiosk key -> document', async () => {
    const { server, kiosk, lease, leaseJws } = await setup();
    const document = testOfflineTransit(lease, 'TH-2026-000011', during);
    const jws = await signOfflineDocument(document, kiosk.signingKey);
    const chain = await verifyOfflineChain(
      { lease: leaseJws, document: jws },
      server.jwks,
      options,
    );
    expect(chain.document).toEqual(document);
    expect(chain.kind).toBe('transit');
    expect(chain.block.first).toBe(11);
  });

  it('refuses a forged lease (signed by another key)', async () => {
    const { kiosk, lease } = await setup();
    const forger = await testServerKey();
    const server = await testServerKey();
    const forged = await signLease(lease, forger.key);
    const jws = await signOfflineDocument(
      testOfflineTransit(lease, 'TH-2026-000011', during),
      kiosk.signingKey,
    );
    expect(
      await chainCode(verifyOfflineChain({ lease: forged, document: jws }, server.jwks, options)),
    ).toBe('lease_invalid');
  });

  it('refuses a document signed by a key the lease does not name', async () => {
    const { server, lease, leaseJws } = await setup();
    const thief = await testKioskKey();
    // The thief's key, claiming the leased key's thumbprint.
    const jws = await signOfflineDocument(testOfflineTransit(lease, 'TH-2026-000011', during), {
      key: thief.signingKey.key,
      kid: lease.kioskKeyThumbprint,
    });
    expect(
      await chainCode(verifyOfflineChain({ lease: leaseJws, document: jws }, server.jwks, options)),
    ).toBe('offline_document_wrong_key');
  });

  it('refuses a number outside the block, another series or a kind not leased', async () => {
    const { server, kiosk, lease, leaseJws } = await setup();
    for (const number of ['TH-2026-000021', 'T-2026-000011', 'TH-2025-000011']) {
      const jws = await signOfflineDocument(
        testOfflineTransit(lease, number, during),
        kiosk.signingKey,
      );
      expect(
        await chainCode(
          verifyOfflineChain({ lease: leaseJws, document: jws }, server.jwks, options),
        ),
      ).toBe('offline_number_outside_block');
    }
  });

  it('refuses a kiosk clock a month ahead or a year back (outside the lease window)', async () => {
    const { server, kiosk, lease, leaseJws } = await setup();
    for (const issuedAt of ['2026-12-21T14:00:00.000Z', '2025-11-21T14:00:00.000Z']) {
      const jws = await signOfflineDocument(
        testOfflineTransit(lease, 'TH-2026-000012', issuedAt),
        kiosk.signingKey,
      );
      expect(
        await chainCode(
          verifyOfflineChain({ lease: leaseJws, document: jws }, server.jwks, {
            ...options,
            checkExpiry: false,
          }),
        ),
      ).toBe('offline_issued_outside_lease');
    }
  });

  it('refuses a paper dated after the verifier’s clock, and a stretched validity', async () => {
    const { server, kiosk, lease, leaseJws } = await setup();
    const ahead = await signOfflineDocument(
      testOfflineTransit(lease, 'TH-2026-000012', '2026-11-22T14:00:00.000Z'),
      kiosk.signingKey,
    );
    expect(
      await chainCode(
        verifyOfflineChain({ lease: leaseJws, document: ahead }, server.jwks, options),
      ),
    ).toBe('offline_issued_in_future');
    const stretched = await signOfflineDocument(
      testOfflineTransit(lease, 'TH-2026-000012', during, {
        expiresAt: '2026-12-30T04:59:59.000Z',
      }),
      kiosk.signingKey,
    );
    expect(
      await chainCode(
        verifyOfflineChain({ lease: leaseJws, document: stretched }, server.jwks, options),
      ),
    ).toBe('offline_validity_mismatch');
  });

  it('refuses a revoked lease, another licence, and an expired paper unless told not to', async () => {
    const { server, kiosk, lease, leaseJws } = await setup();
    const jws = await signOfflineDocument(
      testOfflineTransit(lease, 'TH-2026-000013', during),
      kiosk.signingKey,
    );
    const issue = { lease: leaseJws, document: jws };
    expect(
      await chainCode(
        verifyOfflineChain(issue, server.jwks, {
          ...options,
          isLeaseRevoked: (id) => id === lease.leaseId,
        }),
      ),
    ).toBe('lease_revoked');
    const otherLicence = await signOfflineDocument(
      testOfflineTransit(lease, 'TH-2026-000013', during, { licence: 'L-999999' }),
      kiosk.signingKey,
    );
    expect(
      await chainCode(
        verifyOfflineChain({ lease: leaseJws, document: otherLicence }, server.jwks, options),
      ),
    ).toBe('offline_lease_mismatch');
    const later = { now: new Date('2026-12-20T12:00:00Z') };
    expect(await chainCode(verifyOfflineChain(issue, server.jwks, later))).toBe(
      'offline_document_expired',
    );
    await expect(
      verifyOfflineChain(issue, server.jwks, { ...later, checkExpiry: false }),
    ).resolves.toBeDefined();
  });
});
