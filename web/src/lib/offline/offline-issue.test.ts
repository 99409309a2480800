import 'fake-indexeddb/auto';
import { kioskEnrolResponseSchema, newId } from '@comptoir/shared';
import { offlineIssueSchema, verifyOfflineChain } from '@comptoir/shared/offline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarnessClient, type HarnessClient } from '../server/testing/http-harness';
import { createTestServer, type TestServer } from '../server/testing/test-server';
import { makeAtacCommand, makeTransitCommand } from '../testing/command.factory';
import { openComptoirDb, type ComptoirDb } from './db';
import { saveKioskEnrolment } from './kiosk-credential';
import { ensureKioskKey } from './kiosk-key';
import { kioskId } from './kiosk-state';
import { newestLease, renewLeaseIfNeeded, type LeaseDeps } from './leases';
import { issueOffline, type OfflineIssuer } from './offline-issue';
import { resetServerClockForTests } from './server-clock';

/** A `fetch` that goes through the real hook and routes of the test server, in process. */
function fetchThrough(client: HarnessClient): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return client.request(init?.method ?? 'GET', `${url.pathname}${url.search}`, {
      headers: Object.fromEntries(new Headers(init?.headers)),
      ...(typeof init?.body === 'string' && { body: init.body }),
    });
  };
}

const issuer: OfflineIssuer = {
  dealerName: 'Automobiles Laurentides',
  person: { accountId: 'acc-agree', name: 'Agathe Employée' },
};

// The kiosk side of offline issuance against the real lease endpoint (SQLite): an enrolled
// kiosk makes its key, gets a lease, and issues papers the shared chain accepts.
describe('offline issue from a real lease', () => {
  let server: TestServer;
  let db: ComptoirDb;
  let id: string;
  let deps: LeaseDeps;
  const actor = () => ({ accountId: issuer.person.accountId, licence: 'L-100001', kioskId: id });

  beforeAll(async () => {
    resetServerClockForTests();
    server = await createTestServer('sqlite');
    db = openComptoirDb(`offline-issue-${newId()}`);
    await db.open();
    id = await kioskId(db);
    const admin = createHarnessClient(server);
    expect((await admin.login('demo-admin')).status).toBe(200);
    const enrolled = await admin.request('POST', '/api/kiosks', {
      json: { kioskId: id, name: 'Salle de montre', location: 'showroom', licence: 'L-100001' },
    });
    expect(enrolled.status).toBe(201);
    await saveKioskEnrolment(db, kioskEnrolResponseSchema.parse(await enrolled.json()));
    deps = {
      db,
      baseUrl: 'http://127.0.0.1:3000',
      fetch: fetchThrough(createHarnessClient(server)),
      now: () => server.clock.now().getTime(),
      key: () => ensureKioskKey(db),
    };
  });
  afterAll(async () => {
    await db?.delete();
    await server?.dispose();
  });

  async function serverKeys() {
    const response = await createHarnessClient(server).request('GET', '/.well-known/jwks.json');
    return (await response.json()) as { keys: Record<string, unknown>[] };
  }

  it('gets a lease for its own key, and keeps it until it needs another', async () => {
    expect(await renewLeaseIfNeeded(deps)).toBe('renewed');
    const held = await newestLease(db, 'L-100001');
    const key = await ensureKioskKey(db);
    expect(held?.lease.kioskKeyThumbprint).toBe(key.kid);
    expect(held?.lease.kioskId).toBe(id);
    expect(held?.lease.blocks.map((block) => block.kind).sort()).toEqual(['atac', 'transit']);
    expect(await renewLeaseIfNeeded(deps)).toBe('not_needed');
  });

  it('issues transits and an ATAC the chain accepts, numbers in order, dated by the server clock', async () => {
    const held = await newestLease(db, 'L-100001');
    const transitBlock = held?.lease.blocks.find((block) => block.kind === 'transit');
    if (!held || !transitBlock) throw new Error('no transit block');
    const keys = await serverKeys();
    const numbers: string[] = [];
    for (const index of [1, 2]) {
      const command = { ...makeTransitCommand(actor(), 7100 + index) };
      const issued = await issueOffline(db, command, issuer);
      if (!('row' in issued)) throw new Error(JSON.stringify(issued));
      const offline = offlineIssueSchema.parse(issued.row.command.offline);
      const chain = await verifyOfflineChain(offline, keys, { now: server.clock.now() });
      expect(chain.document.number).toBe(issued.document.number);
      expect(Date.parse(chain.document.issuedAt)).toBeGreaterThanOrEqual(
        Date.parse(held.lease.issuedAt),
      );
      expect(issued.row.state).toBe('waiting');
      expect(issued.row.documentNumber).toBe(issued.document.number);
      const kept = await db.documents.get(issued.document.number);
      expect(kept?.offlineLease).toBe(held.row.jws);
      numbers.push(issued.document.number);
    }
    const first = transitBlock.first;
    expect(numbers).toEqual(
      [first, first + 1].map((n) => `TH-${transitBlock.year}-${String(n).padStart(6, '0')}`),
    );
    const atac = await issueOffline(db, makeAtacCommand(actor(), 7110), issuer);
    if (!('row' in atac)) throw new Error(JSON.stringify(atac));
    expect(atac.document.number).toMatch(/^ATACH-\d{4}-\d{6}$/);
    await verifyOfflineChain(offlineIssueSchema.parse(atac.row.command.offline), keys, {
      now: server.clock.now(),
    });
  });

  it('refuses locally what the shared rules refuse, taking no number', async () => {
    const before = (await newestLease(db, 'L-100001'))?.row.used.transit;
    const snowmobile = makeTransitCommand(actor(), 7120);
    snowmobile.payload.vehicle.type = 'snowmobile';
    const refused = await issueOffline(db, snowmobile, issuer);
    expect(refused).toMatchObject({
      kind: 'refused',
      error: { code: 'transit_forbidden_category' },
    });

    // Two transits of one vehicle for one customer already: a third is refused.
    for (let n = 0; n < 2; n += 1) {
      expect('row' in (await issueOffline(db, makeTransitCommand(actor(), 7121), issuer))).toBe(
        true,
      );
    }
    const third = await issueOffline(db, makeTransitCommand(actor(), 7121), issuer);
    expect(third).toMatchObject({ kind: 'refused', error: { code: 'transit_limit_customer' } });
    expect((await newestLease(db, 'L-100001'))?.row.used.transit).toBe((before ?? 0) + 2);
  });

  it('without a key or a lease it issues nothing (the kiosk queues as before)', async () => {
    const bare = openComptoirDb(`offline-bare-${newId()}`);
    await bare.open();
    try {
      expect(await issueOffline(bare, makeTransitCommand(actor(), 7130), issuer)).toEqual({
        kind: 'unavailable',
        reason: 'no_key',
      });
      await ensureKioskKey(bare);
      const noLease = await issueOffline(bare, makeTransitCommand(actor(), 7130), issuer);
      expect(noLease).toMatchObject({ kind: 'unavailable' });
      expect(await bare.outbox.count()).toBe(0);
    } finally {
      await bare.delete();
    }
  });
});
