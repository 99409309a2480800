import {
  documentEnvelopeSchema,
  kioskEnrolResponseSchema,
  leaseResponseSchema,
  newId,
  pushResponseSchema,
  transitExpiry,
  type IssuedDocument,
  type Lease,
} from '@comptoir/shared';
import { signLease, signOfflineDocument, verifyLease } from '@comptoir/shared/offline';
import {
  generateSigningKeyPair,
  importSigningKey,
  verifyDocument,
  type SigningKey,
} from '@comptoir/shared/tokens';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshVin, signIn, type SignedIn } from '../endpoints/registry-services.testing.js';
import { person, transitCommand, vehicle } from '../testing/factories.js';
import { createHarnessClient } from '../testing/http-harness.js';
import { ENGINES } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';

/** A kiosk as the offline tests need it: its credential, WebCrypto key and current lease. */
interface OfflineKiosk {
  id: string;
  credential: string;
  key: SigningKey;
  lease: Lease;
  leaseJws: string;
  next: number;
}

describe.each(ENGINES)('offline papers reconciled on push, on %s', (engine) => {
  let server: TestServer;
  let agree: SignedIn;
  let kioskA: OfflineKiosk;
  let kioskB: OfflineKiosk;
  let vinIndex = 700;

  async function enrolKiosk(admin: SignedIn, name: string): Promise<OfflineKiosk> {
    const id = newId();
    const enrolled = await admin.client.request('POST', '/api/kiosks', {
      json: { kioskId: id, name, location: 'showroom', licence: 'L-100001' },
    });
    const { credential } = kioskEnrolResponseSchema.parse(await enrolled.json());
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: false });
    const jwk = await exportJWK(pair.publicKey);
    const publicKey = { kty: 'OKP' as const, crv: 'Ed25519' as const, x: String(jwk.x) };
    const response = await createHarnessClient(server).request('POST', `/api/kiosks/${id}/lease`, {
      json: { publicKey, kinds: ['transit', 'atac'] },
      headers: { 'X-Comptoir-Kiosk': credential },
    });
    expect(response.status).toBe(201);
    const { lease: leaseJws } = leaseResponseSchema.parse(await response.json());
    const { lease } = await verifyLease(leaseJws, server.ctx.signer.jwks());
    const first = lease.blocks.find((block) => block.kind === 'transit')?.first ?? 0;
    return {
      id,
      credential,
      key: { key: pair.privateKey, kid: lease.kioskKeyThumbprint },
      lease,
      leaseJws,
      next: first,
    };
  }

  beforeAll(async () => {
    server = await createTestServer(engine);
    const admin = await signIn(server, 'demo-admin');
    agree = await signIn(server, 'demo-agree');
    kioskA = await enrolKiosk(admin, 'Salle A');
    kioskB = await enrolKiosk(admin, 'Salle B');
  });
  afterAll(() => server.dispose());

  /** The transit the kiosk prints offline for a command, at `issuedAt` (kiosk clock). */
  function offlineTransit(
    kiosk: OfflineKiosk,
    command: ReturnType<typeof transitCommand>,
    options: { number?: string; issuedAt?: string; lease?: Lease } = {},
  ): IssuedDocument {
    const lease = options.lease ?? kiosk.lease;
    const issuedAt = options.issuedAt ?? server.clock.now().toISOString();
    const number = options.number ?? `TH-2026-${String(kiosk.next++).padStart(6, '0')}`;
    const { payload } = command;
    return {
      schemaVersion: 1,
      kind: 'transit',
      number,
      licence: 'L-100001',
      dealer: { name: 'Automobiles Laurentides', neq: lease.dealerNeq },
      issuedAt,
      expiresAt: transitExpiry(new Date(issuedAt), payload.days).toISOString(),
      days: payload.days,
      reason: payload.reason,
      holder: { name: `${payload.holder.firstName} ${payload.holder.lastName}` },
      vehicle: {
        vin: payload.vehicle.vin,
        make: payload.vehicle.make,
        model: payload.vehicle.model,
        year: payload.vehicle.year,
      },
      issuedBy: { signer: 'kiosk', kid: lease.kioskKeyThumbprint, leaseId: lease.leaseId },
    } as IssuedDocument;
  }

  /** A transit command carrying its offline paper (new VIN unless given). */
  async function offlineCommand(
    kiosk: OfflineKiosk,
    options: {
      vin?: string;
      driverLicence?: string;
      number?: string;
      issuedAt?: string;
      leaseJws?: string;
      key?: SigningKey;
      lease?: Lease;
    } = {},
  ) {
    const command = transitCommand({
      accountId: agree.accountId,
      vehicle: vehicle(0, { vin: options.vin ?? freshVin(vinIndex++) }),
      holder: person(options.driverLicence ? { driverLicence: options.driverLicence } : {}),
    });
    const document = offlineTransit(kiosk, command, options);
    const paper = await signOfflineDocument(document, options.key ?? kiosk.key);
    return {
      command: {
        ...command,
        offline: { lease: options.leaseJws ?? kiosk.leaseJws, document: paper },
      },
      document,
    };
  }

  /** Pushes as the kiosk would: the session of the person and the kiosk's credential. */
  async function push(kiosk: OfflineKiosk, ops: unknown[]) {
    const response = await agree.client.request('POST', '/api/sync/push', {
      json: { ops },
      headers: { 'X-Comptoir-Kiosk': kiosk.credential },
    });
    expect(response.status).toBe(200);
    return pushResponseSchema.parse(await response.json()).results;
  }

  async function documentsNumbered(number: string): Promise<number> {
    const rows = await server.ctx.storage.db
      .selectFrom('documents')
      .select('number')
      .where('number', '=', number)
      .execute();
    return rows.length;
  }

  it('accepts a valid chain: an ordinary document under the same number, countersigned by the server', async () => {
    const { command, document } = await offlineCommand(kioskA);
    const [result] = await push(kioskA, [command]);
    expect(result).toMatchObject({
      status: 'applied',
      result: { documents: [{ kind: 'transit', number: document.number }] },
    });
    const read = await agree.client.request('GET', `/api/documents/${document.number}`);
    expect(read.status).toBe(200);
    const envelope = documentEnvelopeSchema.parse(await read.json());
    const verified = await verifyDocument(envelope.jws, server.ctx.signer.jwks(), {
      now: server.clock.now(),
    });
    expect(verified.document).toMatchObject({
      number: document.number,
      issuedAt: document.issuedAt,
      expiresAt: document.expiresAt,
      issuedBy: { signer: 'server', leaseId: kioskA.lease.leaseId },
    });

    // The same paper again, under the same command or relayed under another: one document.
    expect((await push(kioskA, [command]))[0]?.status).toBe('applied');
    const relayed = { ...command, id: newId() };
    expect((await push(kioskA, [relayed]))[0]).toMatchObject({
      status: 'applied',
      result: { documents: [{ number: document.number }] },
    });
    expect(await documentsNumbered(document.number)).toBe(1);
  });

  it('flags the same number pushed twice with a different content, and keeps the first', async () => {
    const first = await offlineCommand(kioskA);
    expect((await push(kioskA, [first.command]))[0]?.status).toBe('applied');
    const second = await offlineCommand(kioskA, { number: first.document.number });
    const [result] = await push(kioskA, [second.command]);
    expect(result).toMatchObject({ status: 'flagged', error: { code: 'offline_number_reused' } });
    expect(await documentsNumbered(first.document.number)).toBe(1);
    const audited = await server.ctx.storage.db
      .selectFrom('audit_log')
      .select('detail_json')
      .where('event', '=', 'offline.flagged')
      .execute();
    expect(audited.some((row) => row.detail_json.includes(second.command.offline.document))).toBe(
      true,
    );
  });

  it('keeps, counts and flags a VIN given transits on two kiosks beyond the per-vehicle limit', async () => {
    const vin = freshVin(vinIndex++);
    const licences = ['A111111111111', 'B222222222222', 'C333333333333', 'D444444444444'];
    // Two customers on each kiosk: four transits, the vehicle's limit, each kiosk unaware.
    for (const [index, driverLicence] of licences.entries()) {
      const kiosk = index < 2 ? kioskA : kioskB;
      const { command } = await offlineCommand(kiosk, { vin, driverLicence });
      expect((await push(kiosk, [command]))[0]?.status).toBe('applied');
    }
    const fifth = await offlineCommand(kioskB, { vin, driverLicence: 'E555555555555' });
    const [result] = await push(kioskB, [fifth.command]);
    expect(result).toMatchObject({
      status: 'flagged',
      error: { code: 'transit_limit_vehicle' },
      result: { documents: [{ number: fifth.document.number }] },
    });
    // Kept and counted: the fifth is a document (the next online transit sees five).
    expect(await documentsNumbered(fifth.document.number)).toBe(1);
    const paper = await server.ctx.storage.db
      .selectFrom('offline_papers')
      .select(['status', 'reason'])
      .where('number', '=', fifth.document.number)
      .executeTakeFirstOrThrow();
    expect(paper).toEqual({ status: 'flagged', reason: 'transit_limit_vehicle' });
    // Pushed again: the same flag, nothing issued twice.
    expect((await push(kioskB, [fifth.command]))[0]?.status).toBe('flagged');
    expect(await documentsNumbered(fifth.document.number)).toBe(1);
  });

  it('flags the papers of a revoked lease (kept and counted)', async () => {
    const { command, document } = await offlineCommand(kioskB);
    const admin = await signIn(server, 'demo-admin');
    const revoked = await admin.client.request(
      'POST',
      `/api/leases/${kioskB.lease.leaseId}/revoke`,
      { json: { reason: 'Poste volé' } },
    );
    expect(revoked.status).toBe(200);
    const [result] = await push(kioskB, [command]);
    expect(result).toMatchObject({ status: 'flagged', error: { code: 'lease_revoked' } });
    expect(await documentsNumbered(document.number)).toBe(1);
  });

  it('rejects a forged lease, a key the lease does not name, a number of another kiosk’s block, and kiosk clocks a month ahead or a year back', async () => {
    const forger = await importSigningKey((await generateSigningKeyPair()).privateJwk);
    const forgedLease = await signLease(kioskA.lease, forger);
    const thief = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const cases: [Awaited<ReturnType<typeof offlineCommand>>, string][] = [
      [await offlineCommand(kioskA, { leaseJws: forgedLease }), 'lease_invalid'],
      [
        await offlineCommand(kioskA, { key: { key: thief.privateKey, kid: kioskA.key.kid } }),
        'offline_document_wrong_key',
      ],
      // Kiosk A reuses a number of kiosk B's block under its own lease.
      [
        await offlineCommand(kioskA, {
          number: `TH-2026-${String(kioskB.lease.blocks[0]?.first ?? 0).padStart(6, '0')}`,
        }),
        'offline_number_outside_block',
      ],
      [
        await offlineCommand(kioskA, {
          issuedAt: new Date(server.clock.now().getTime() + 30 * 86_400_000).toISOString(),
        }),
        'offline_issued_outside_lease',
      ],
      [
        await offlineCommand(kioskA, {
          issuedAt: new Date(server.clock.now().getTime() - 365 * 86_400_000).toISOString(),
        }),
        'offline_issued_outside_lease',
      ],
    ];
    const results = await push(
      kioskA,
      cases.map(([{ command }]) => command),
    );
    expect(results.map((result) => [result.status, result.error?.code])).toEqual(
      cases.map(([, code]) => ['rejected', code]),
    );
    for (const [{ document }] of cases) {
      const paper = await server.ctx.storage.db
        .selectFrom('offline_papers')
        .select('number')
        .where('number', '=', document.number)
        .where(
          'command_id',
          'in',
          cases.map(([{ command }]) => command.id),
        )
        .execute();
      expect(paper).toEqual([]);
    }
  });

  it('refuses a paper dated after its lease expired; an exhausted lease flags its extra paper', async () => {
    // The kiosk renewed having taken one number: a second paper of the old lease is over its cap.
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: false });
    const jwk = await exportJWK(pair.publicKey);
    const publicKey = { kty: 'OKP' as const, crv: 'Ed25519' as const, x: String(jwk.x) };
    const first = await offlineCommand(kioskA);
    const second = await offlineCommand(kioskA);
    // The kiosk renews a minute later, saying it took one number fewer than it did: the
    // papers the server has, plus one.
    server.clock.advance(60_000);
    const received = await server.ctx.storage.db
      .selectFrom('offline_papers')
      .select('number')
      .where('lease_id', '=', kioskA.lease.leaseId)
      .execute();
    const renewed = await createHarnessClient(server).request(
      'POST',
      `/api/kiosks/${kioskA.id}/lease`,
      {
        json: {
          publicKey,
          kinds: ['transit'],
          renews: {
            leaseId: kioskA.lease.leaseId,
            used: { transit: received.length + 1 },
          },
        },
        headers: { 'X-Comptoir-Kiosk': kioskA.credential },
      },
    );
    expect(renewed.status).toBe(201);
    const results = await push(kioskA, [first.command, second.command]);
    expect(results.map((result) => [result.status, result.error?.code])).toEqual([
      ['applied', undefined],
      ['flagged', 'offline_cap_exceeded'],
    ]);
    server.clock.advance(80 * 3600 * 1000);
    agree = await signIn(server, 'demo-agree');
    const late = await offlineCommand(kioskA, {
      number: first.document.number,
      issuedAt: server.clock.now().toISOString(),
    });
    const [result] = await push(kioskA, [late.command]);
    expect(result).toMatchObject({
      status: 'rejected',
      error: { code: 'offline_issued_outside_lease' },
    });
  });
});
