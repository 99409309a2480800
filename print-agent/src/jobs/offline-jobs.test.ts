import {
  apiErrorSchema,
  errorCatalogue,
  leaseExpiryLimit,
  localYearOf,
  newId,
  transitExpiry,
  type IssuedDocument,
  type Lease,
} from '@comptoir/shared';
import { kioskKeyThumbprint, signLease, signOfflineDocument } from '@comptoir/shared/offline';
import { signRevocationFeed, type SigningKey } from '@comptoir/shared/tokens';
import { exportJWK, generateKeyPair } from 'jose';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestSigner, type TestSigner } from '../testing/documents.js';
import { FakePrinter } from '../testing/fake-printer.js';
import { createTestAgent, eventually, rawPrinter, type TestAgent } from '../testing/test-agent.js';

/*
 * The agent's chain check for papers a kiosk signed offline (docs/printing.md#offline-papers-the-chain-check):
 * each attack of issue 15 that reaches a printer is refused here, before any paper.
 */

const HOUR = 3600 * 1000;

let server: TestSigner;
let printer: FakePrinter;
let agent: TestAgent;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await createTestSigner();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(): Promise<void> {
  printer = await FakePrinter.start();
  cleanups.push(() => printer.close());
  agent = await createTestAgent({ signer: server, printers: [rawPrinter('front', printer.port)] });
  cleanups.push(() => agent.dispose());
}

/** A kiosk's WebCrypto key (not extractable) and a lease the server signed for it. */
async function leasedKiosk(signedBy = server.key) {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: false });
  const jwk = await exportJWK(pair.publicKey);
  const kioskKey = { kty: 'OKP' as const, crv: 'Ed25519' as const, x: String(jwk.x) };
  const thumbprint = await kioskKeyThumbprint(kioskKey);
  const issuedAt = new Date(Date.now() - HOUR);
  const expiresAt = new Date(
    Math.min(issuedAt.getTime() + 48 * HOUR, leaseExpiryLimit(issuedAt).getTime()),
  );
  const year = localYearOf(issuedAt);
  const lease: Lease = {
    v: 1,
    leaseId: newId(),
    kioskId: newId(),
    kioskKey,
    kioskKeyThumbprint: thumbprint,
    licence: 'L-100001',
    dealerId: 'dealer-1',
    dealerNeq: '1161234567',
    issuedAt: issuedAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    blocks: [{ kind: 'transit', series: 'TH', year, first: 11, last: 13, cap: 2 }],
  };
  const key: SigningKey = { key: pair.privateKey, kid: thumbprint };
  return { lease, leaseJws: await signLease(lease, signedBy), key, year };
}

type Kiosk = Awaited<ReturnType<typeof leasedKiosk>>;

function transit(kiosk: Kiosk, value: number, issuedAt = new Date(), holder = 'Marie Tremblay') {
  return {
    schemaVersion: 1,
    kind: 'transit',
    number: `TH-${kiosk.year}-${String(value).padStart(6, '0')}`,
    licence: 'L-100001',
    dealer: { name: 'Autos Laurentides inc.', neq: kiosk.lease.dealerNeq },
    issuedAt: issuedAt.toISOString(),
    expiresAt: transitExpiry(issuedAt, 4).toISOString(),
    days: 4,
    reason: 'register_at_service_point',
    holder: { name: holder },
    vehicle: { vin: '2T1BURHE0JC034512', make: 'Toyota', model: 'Corolla', year: 2018 },
    issuedBy: {
      signer: 'kiosk',
      kid: kiosk.lease.kioskKeyThumbprint,
      leaseId: kiosk.lease.leaseId,
    },
  } as IssuedDocument;
}

async function submit(
  kiosk: Kiosk,
  document: IssuedDocument,
  key = kiosk.key,
  leaseJws = kiosk.leaseJws,
) {
  return Promise.resolve(
    agent.app.request('/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.token}` },
      body: JSON.stringify({
        jobId: randomUUID(),
        document: await signOfflineDocument(document, key),
        lease: leaseJws,
        role: 'plate',
      }),
    }),
  );
}

async function expectRefused(response: Response, code: string, field: string): Promise<void> {
  const body = apiErrorSchema.parse(await response.json());
  expect({ status: response.status, code: body.code, field: body.fields[0]?.path }).toEqual({
    status: 422,
    code,
    field,
  });
  expect(body.message).toEqual(errorCatalogue[code as keyof typeof errorCatalogue]);
}

describe('offline papers at the agent', () => {
  it('prints a valid chain, marked offline with its lease', async () => {
    await setUp();
    const kiosk = await leasedKiosk();
    const response = await submit(kiosk, transit(kiosk, 11));
    expect(response.status).toBe(202);
    const job = (await response.json()) as { jobId: string; mark: string };
    expect(job.mark).toBe('original');
    await eventually(() => expect(printer.jobs.length).toBe(1));
    const printed = agent.deps.ledger.printable(job.jobId);
    expect(JSON.parse(printed?.documentJson ?? '{}')).toMatchObject({
      issuedBy: { signer: 'kiosk', leaseId: kiosk.lease.leaseId },
    });
  });

  it('refuses a forged lease, a key the lease does not name, and a number outside the block', async () => {
    await setUp();
    const forger = await createTestSigner();
    const forged = await leasedKiosk(forger.key);
    await expectRefused(await submit(forged, transit(forged, 11)), 'lease_invalid', 'lease');
    const kiosk = await leasedKiosk();
    const thief = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    await expectRefused(
      await submit(kiosk, transit(kiosk, 11), { key: thief.privateKey, kid: kiosk.key.kid }),
      'offline_document_wrong_key',
      'document',
    );
    // A number from another kiosk's block (14 is past this lease's 11-13).
    await expectRefused(
      await submit(kiosk, transit(kiosk, 14)),
      'offline_number_outside_block',
      'document',
    );
    expect(printer.jobs).toEqual([]);
  });

  it('refuses a kiosk clock a month ahead, a year back, or ahead of the agent’s own clock', async () => {
    await setUp();
    const kiosk = await leasedKiosk();
    for (const offset of [30 * 24 * HOUR, -365 * 24 * HOUR]) {
      await expectRefused(
        await submit(kiosk, transit(kiosk, 11, new Date(Date.now() + offset))),
        'offline_issued_outside_lease',
        'document',
      );
    }
    // Inside the lease, but an hour past what the agent believes now.
    await expectRefused(
      await submit(kiosk, transit(kiosk, 11, new Date(Date.now() + HOUR))),
      'offline_issued_in_future',
      'document',
    );
  });

  it('never prints a number twice as an original, nor more papers than the lease’s cap', async () => {
    await setUp();
    const kiosk = await leasedKiosk();
    const first = transit(kiosk, 11);
    expect((await submit(kiosk, first)).status).toBe(202);
    // The same paper again is a reprint: a COPY.
    const again = await submit(kiosk, first);
    expect(((await again.json()) as { mark: string }).mark).toBe('copy');
    // Another paper under the same number: refused.
    await expectRefused(
      await submit(kiosk, transit(kiosk, 11, new Date(), 'Jean Roy')),
      'offline_number_reused',
      'document',
    );
    expect((await submit(kiosk, transit(kiosk, 12))).status).toBe(202);
    // The cap is 2: a third number of the block is over it (the block is exhausted).
    await expectRefused(
      await submit(kiosk, transit(kiosk, 13)),
      'offline_cap_exceeded',
      'document',
    );
  });

  it('refuses the papers of a lease revoked in the signed feed, at submission and before printing', async () => {
    await setUp();
    const kiosk = await leasedKiosk();
    const feed = (sequence: number) => ({
      dealer: 'dealer-1',
      sequence,
      issuedAt: new Date().toISOString(),
      revoked: [],
      revokedLeases: [
        {
          leaseId: kiosk.lease.leaseId,
          revokedAt: new Date().toISOString(),
          expiresAt: kiosk.lease.expiresAt,
        },
      ],
    });
    const kept = await agent.app.request('/revocations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.token}` },
      body: JSON.stringify({ feed: await signRevocationFeed(feed(1), server.key) }),
    });
    expect(kept.status).toBe(200);
    await expectRefused(await submit(kiosk, transit(kiosk, 11)), 'lease_revoked', 'document');
    expect(printer.jobs).toEqual([]);
  });
});
