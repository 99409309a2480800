import {
  kioskEnrolResponseSchema,
  leaseListResponseSchema,
  leaseResponseSchema,
  leaseViewSchema,
  newId,
  type Lease,
} from '@comptoir/shared';
import { verifyLease } from '@comptoir/shared/offline';
import { verifyRevocationFeed } from '@comptoir/shared/tokens';
import { exportJWK, generateKeyPair } from 'jose';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capWindowStart } from '../commands/caps.js';
import { latestRevocationFeed } from '../sync/revocation-feed.service.js';
import { createHarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import {
  auditCount,
  expectRefusal,
  reauthenticate,
  signIn,
  type SignedIn,
} from './registry-services.testing.js';

/** A kiosk key as the kiosk makes it (WebCrypto Ed25519): its public JWK. */
async function kioskPublicKey() {
  const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: false });
  const jwk = await exportJWK(publicKey);
  return { kty: 'OKP' as const, crv: 'Ed25519' as const, x: String(jwk.x) };
}

describe.each(ENGINES)('offline leases on %s', (engine) => {
  let server: TestServer;
  let admin: SignedIn;
  const kiosks: { id: string; credential: string }[] = [];

  beforeAll(async () => {
    server = await createTestServer(engine);
    admin = await signIn(server, 'demo-admin');
    for (const name of ['Salle A', 'Salle B']) {
      const kioskId = newId();
      const response = await admin.client.request('POST', '/api/kiosks', {
        json: { kioskId, name, location: 'showroom', licence: 'L-100001' },
      });
      expect(response.status).toBe(201);
      const { credential } = kioskEnrolResponseSchema.parse(await response.json());
      kiosks.push({ id: kioskId, credential });
    }
  });
  afterAll(() => server.dispose());

  function kiosk(index: number) {
    const found = kiosks[index];
    if (!found) throw new Error(`kiosk ${String(index)}`);
    return found;
  }

  async function askLease(index: number, body: unknown, header = kiosk(index).credential) {
    return createHarnessClient(server).request('POST', `/api/kiosks/${kiosk(index).id}/lease`, {
      json: body,
      headers: { 'X-Comptoir-Kiosk': header },
    });
  }

  async function grantedLease(response: Response): Promise<Lease> {
    expect(response.status).toBe(201);
    const { lease } = leaseResponseSchema.parse(await response.json());
    return (await verifyLease(lease, server.ctx.signer.jwks())).lease;
  }

  async function setTransitCap(cap: number | null): Promise<void> {
    await server.ctx.storage.db
      .updateTable('licences')
      .set({ transit_cap: cap })
      .where('number', '=', 'L-100001')
      .execute();
  }

  /** Transits L-100001 issued in the cap's window (what a lease must leave room for). */
  async function issuedThisWeek(): Promise<number> {
    const row = await server.ctx.storage.db
      .selectFrom('documents')
      .select(sql<number>`count(*)`.as('n'))
      .where('licence', '=', 'L-100001')
      .where('kind', '=', 'transit')
      .where('status', '!=', 'voided')
      .where('issued_at', '>=', capWindowStart(server.clock.now()))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Revokes every lease so that each test starts with nothing reserved. */
  async function clearLeases(): Promise<void> {
    await server.ctx.storage.db
      .updateTable('offline_leases')
      .set({ revoked_at: server.clock.now().toISOString(), revoked_by: 'test' })
      .where('revoked_at', 'is', null)
      .execute();
  }

  it('grants a lease signed by the server key, naming the kiosk key, with blocks of both series', async () => {
    await clearLeases();
    await setTransitCap(null);
    const publicKey = await kioskPublicKey();
    const lease = await grantedLease(await askLease(0, { publicKey, kinds: ['transit', 'atac'] }));
    expect(lease).toMatchObject({
      kioskId: kiosk(0).id,
      kioskKey: publicKey,
      licence: 'L-100001',
      issuedAt: server.clock.now().toISOString(),
    });
    expect(Date.parse(lease.expiresAt) - Date.parse(lease.issuedAt)).toBe(72 * 3600 * 1000);
    const [transit, atac] = lease.blocks;
    expect(transit).toMatchObject({ kind: 'transit', series: 'TH', year: '2026', cap: 10 });
    expect(atac).toMatchObject({ kind: 'atac', series: 'ATACH', year: '2026', first: 1, last: 20 });
    expect(await auditCount(server, 'lease.granted')).toBeGreaterThan(0);
  });

  it('refuses no credential (401), a wrong one (403), another kiosk’s path (403), bad input (400)', async () => {
    const publicKey = await kioskPublicKey();
    const anonymous = await createHarnessClient(server).request(
      'POST',
      `/api/kiosks/${kiosk(0).id}/lease`,
      { json: { publicKey, kinds: ['transit'] } },
    );
    await expectRefusal(anonymous, 401, 'unauthenticated');
    // A session alone names no kiosk key.
    const withSession = await admin.client.request('POST', `/api/kiosks/${kiosk(0).id}/lease`, {
      json: { publicKey, kinds: ['transit'] },
    });
    await expectRefusal(withSession, 401, 'unauthenticated');
    await expectRefusal(
      await askLease(0, { publicKey, kinds: ['transit'] }, `${kiosk(0).id}.${'x'.repeat(43)}`),
      403,
      'kiosk_credential_invalid',
    );
    const other = await createHarnessClient(server).request(
      'POST',
      `/api/kiosks/${kiosk(1).id}/lease`,
      {
        json: { publicKey, kinds: ['transit'] },
        headers: { 'X-Comptoir-Kiosk': kiosk(0).credential },
      },
    );
    await expectRefusal(other, 403, 'forbidden');
    const withPrivate = await askLease(0, {
      publicKey: { ...publicKey, d: 'A'.repeat(43) },
      kinds: ['transit'],
    });
    await expectRefusal(withPrivate, 400, 'invalid_input');
    await expectRefusal(
      await askLease(0, { publicKey, kinds: ['registration'] }),
      400,
      'invalid_input',
    );
    await expectRefusal(
      await askLease(0, {
        publicKey,
        kinds: ['atac'],
        renews: { leaseId: newId(), used: {} },
      }),
      404,
      'lease_not_found',
    );
  });

  it('counts every open lease against the weekly cap; a renewal releases the unused part', async () => {
    await clearLeases();
    const issued = await issuedThisWeek();
    await setTransitCap(issued + 15);
    const publicKey = await kioskPublicKey();
    const first = await grantedLease(await askLease(0, { publicKey, kinds: ['transit'] }));
    expect(first.blocks[0]?.cap).toBe(10);
    // The other kiosk gets what is left: 5, not another 10.
    const second = await grantedLease(await askLease(1, { publicKey, kinds: ['transit'] }));
    expect(second.blocks[0]?.cap).toBe(5);
    await expectRefusal(
      await askLease(1, { publicKey, kinds: ['transit'] }),
      409,
      'lease_cap_exhausted',
    );
    // ATACs are not capped: a lease of ATACs alone is still granted.
    expect(
      (await grantedLease(await askLease(1, { publicKey, kinds: ['atac'] }))).blocks,
    ).toHaveLength(1);
    // Kiosk A renews having taken 3 transits: 7 come back, it gets them.
    const renewed = await grantedLease(
      await askLease(0, {
        publicKey,
        kinds: ['transit'],
        renews: { leaseId: first.leaseId, used: { transit: 3 } },
      }),
    );
    expect(renewed.blocks[0]?.cap).toBe(7);
    const block = renewed.blocks[0];
    const previous = first.blocks[0];
    if (!block || !previous) throw new Error('blocks');
    expect(block.first).toBeGreaterThan(previous.last);
  });

  it('gives 30 simultaneous requests blocks that never overlap, within the cap', async () => {
    await clearLeases();
    const issued = await issuedThisWeek();
    await setTransitCap(issued + 25);
    const publicKey = await kioskPublicKey();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        askLease(index % 2, { publicKey, kinds: ['transit', 'atac'] }),
      ),
    );
    const leases = await Promise.all(responses.map(grantedLease));
    const blocks = leases.flatMap((lease) => lease.blocks);
    for (const series of ['TH', 'ATACH']) {
      const ranges = blocks
        .filter((b) => b.series === series)
        .map((b) => [b.first, b.last] as const)
        .sort((a, b) => a[0] - b[0]);
      for (let index = 1; index < ranges.length; index++) {
        expect(ranges[index]?.[0]).toBeGreaterThan(ranges[index - 1]?.[1] ?? Infinity);
      }
    }
    const transits = blocks.filter((b) => b.kind === 'transit');
    expect(transits.reduce((sum, b) => sum + b.cap, 0)).toBe(25);
    expect(blocks.filter((b) => b.kind === 'atac')).toHaveLength(30);
  }, 60_000);

  it('lists and revokes leases: the dealer’s administrator, staff, and a suspension; revocations go out in the feed', async () => {
    await clearLeases();
    await setTransitCap(null);
    const publicKey = await kioskPublicKey();
    const lease = await grantedLease(await askLease(0, { publicKey, kinds: ['atac'] }));
    const listed = await admin.client.request('GET', '/api/leases?licence=L-100001');
    expect(listed.status).toBe(200);
    const views = leaseListResponseSchema.parse(await listed.json()).leases;
    expect(views.find((view) => view.leaseId === lease.leaseId)?.status).toBe('open');
    await expectRefusal(
      await admin.client.request('GET', '/api/leases?licence=L-100001&extra=1'),
      400,
      'invalid_input',
    );

    const stranger = await signIn(server, 'demo-admin2');
    await expectRefusal(
      await stranger.client.request('POST', `/api/leases/${lease.leaseId}/revoke`, { json: {} }),
      404,
      'not_found',
    );
    await expectRefusal(
      await admin.client.request('POST', '/api/leases/nope/revoke', { json: {} }),
      400,
      'invalid_input',
    );
    const revoked = await admin.client.request('POST', `/api/leases/${lease.leaseId}/revoke`, {
      json: { reason: 'Poste volé' },
    });
    expect(revoked.status).toBe(200);
    expect(leaseViewSchema.parse(await revoked.json())).toMatchObject({
      status: 'revoked',
      revokedReason: 'Poste volé',
    });
    const again = await admin.client.request('POST', `/api/leases/${lease.leaseId}/revoke`, {
      json: {},
    });
    expect(leaseViewSchema.parse(await again.json()).revokedReason).toBe('Poste volé');

    const jws = await latestRevocationFeed(server.ctx, server.ctx.storage.db, 'L-100001');
    if (jws === undefined) throw new Error('no feed after a revoked lease');
    const { feed } = await verifyRevocationFeed(jws, server.ctx.signer.jwks());
    expect(feed.revokedLeases?.map((entry) => entry.leaseId)).toContain(lease.leaseId);

    const staff = await signIn(server, 'demo-staff');
    await reauthenticate(staff.client);
    const staffList = await staff.client.request('GET', '/api/staff/leases?licence=L-100001');
    expect(staffList.status).toBe(200);
    expect(leaseListResponseSchema.parse(await staffList.json()).leases.length).toBeGreaterThan(0);
    await expectRefusal(
      await staff.client.request('GET', '/api/staff/leases?licence=L-999999'),
      404,
      'licence_unknown',
    );
    await expectRefusal(
      await staff.client.request('GET', '/api/staff/leases'),
      400,
      'invalid_input',
    );
    await expectRefusal(
      await staff.client.request('POST', `/api/staff/leases/${newId()}/revoke`, { json: {} }),
      404,
      'not_found',
    );
    await expectRefusal(
      await staff.client.request('POST', `/api/staff/leases/${lease.leaseId}/revoke`, {
        json: { reason: '' },
      }),
      400,
      'invalid_input',
    );
    const other = await grantedLease(await askLease(1, { publicKey, kinds: ['atac'] }));
    const byStaff = await staff.client.request(
      'POST',
      `/api/staff/leases/${other.leaseId}/revoke`,
      {
        json: { reason: 'Enquête' },
      },
    );
    expect(leaseViewSchema.parse(await byStaff.json()).status).toBe('revoked');

    // A suspension revokes the licence's open leases; a suspended licence gets none.
    const open = await grantedLease(await askLease(0, { publicKey, kinds: ['atac'] }));
    const suspended = await staff.client.request('POST', '/api/staff/licences/L-100001/suspend', {
      json: { reason: 'Vérification' },
    });
    expect(suspended.status).toBe(200);
    const row = await server.ctx.storage.db
      .selectFrom('offline_leases')
      .select(['revoked_at', 'revoked_reason'])
      .where('id', '=', open.leaseId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ revoked_reason: 'licence_suspended' });
    expect(row.revoked_at).not.toBeNull();
    await expectRefusal(
      await askLease(0, { publicKey, kinds: ['atac'] }),
      403,
      'licence_suspended',
    );
    await staff.client.request('POST', '/api/staff/licences/L-100001/reinstate', {
      json: { reason: 'Vérifié' },
    });
  });
});
