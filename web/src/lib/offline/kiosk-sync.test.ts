import 'fake-indexeddb/auto';
import {
  kioskEnrolResponseSchema,
  newId,
  sessionInfoSchema,
  KIOSK_CREDENTIAL_HEADER,
} from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarnessClient, type HarnessClient } from '../server/testing/http-harness';
import { createTestServer, type TestServer } from '../server/testing/test-server';
import { makeTransitCommand } from '../testing/command.factory';
import { openComptoirDb, type ComptoirDb } from './db';
import { kioskCredentialHeaders, readKioskEnrolment, saveKioskEnrolment } from './kiosk-credential';
import { kioskId } from './kiosk-state';
import { countOutbox, enqueueCommand } from './outbox';
import { drainOutbox, type SyncDeps } from './sync';

/** A `fetch` that goes through the real hook and routes of the test server, in process. */
function fetchThrough(client: HarnessClient, seen: Headers[]): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    seen.push(headers);
    return client.request(init?.method ?? 'GET', `${url.pathname}${url.search}`, {
      headers: Object.fromEntries(headers),
      ...(typeof init?.body === 'string' && { body: init.body }),
    });
  };
}

// The kiosk's sync engine against the real server (SQLite): enrolled, it sends several
// people's commands with its device credential and no session at all.
describe('an enrolled kiosk syncing everyone’s commands', () => {
  let server: TestServer;
  let db: ComptoirDb;
  let id: string;
  let admin: HarnessClient;
  const accounts: Record<'agree' | 'admin', string> = { agree: '', admin: '' };
  const seen: Headers[] = [];

  beforeAll(async () => {
    server = await createTestServer('sqlite');
    db = openComptoirDb(`kiosk-sync-${newId()}`);
    await db.open();
    id = await kioskId(db);
    admin = createHarnessClient(server);
    expect((await admin.login('demo-admin')).status).toBe(200);
    const enrolled = await admin.request('POST', '/api/kiosks', {
      json: { kioskId: id, name: 'Salle de montre', location: 'showroom', licence: 'L-100001' },
    });
    expect(enrolled.status).toBe(201);
    await saveKioskEnrolment(db, kioskEnrolResponseSchema.parse(await enrolled.json()));
    // Each person signs in online on this kiosk: the sign-in carries the device credential.
    for (const [key, username] of [
      ['agree', 'demo-agree'],
      ['admin', 'demo-admin'],
    ] as const) {
      const person = createHarnessClient(server);
      const response = await person.request('POST', '/api/auth/login', {
        json: { username, password: 'demo-password' },
        headers: await kioskCredentialHeaders(db),
      });
      expect(response.status).toBe(200);
      accounts[key] = sessionInfoSchema.parse(await response.json()).account.id;
    }
  });
  afterAll(async () => {
    await db?.delete();
    await server?.dispose();
  });

  function deps(): SyncDeps {
    return {
      db,
      baseUrl: 'http://127.0.0.1:3000',
      // A device with no session cookie: only the kiosk credential vouches for the push.
      fetch: fetchThrough(createHarnessClient(server), seen),
      now: () => Date.now(),
      random: () => 0.5,
    };
  }

  async function queue(accountId: string, index: number): Promise<string> {
    const command = {
      ...makeTransitCommand({ accountId, licence: 'L-100001', kioskId: id }, index),
      createdAt: server.clock.now().toISOString(),
    };
    await enqueueCommand(db, command);
    return command.id;
  }

  it('pushes two people’s commands in one batch; a disabled author’s is rejected and shown', async () => {
    const mine = await queue(accounts.agree, 501);
    const theirs = await queue(accounts.admin, 502);
    await server.ctx.storage.db
      .updateTable('accounts')
      .set({ is_disabled: 1 })
      .where('id', '=', accounts.admin)
      .execute();

    const outcome = await drainOutbox(deps(), null);
    expect(outcome).toMatchObject({ kind: 'done', applied: 1, rejected: 1 });
    expect(await db.outbox.get(mine)).toMatchObject({ state: 'applied' });
    const refused = await db.outbox.get(theirs);
    expect(refused).toMatchObject({ state: 'rejected' });
    expect(refused?.error?.code).toBe('actor_account_disabled');
    // Its author sees it needing attention; nobody else sees its content.
    expect((await countOutbox(db, accounts.admin)).needsAttention).toBe(1);
    const push = seen.at(-1);
    expect(push?.get(KIOSK_CREDENTIAL_HEADER)).toMatch(new RegExp(`^${id}\\.`));
    expect(push?.get('X-Comptoir-Background')).toBe('1');
  });

  it('forgets a revoked credential and keeps the commands waiting, unchanged', async () => {
    // The administrator disabled above is back, and signs in again to revoke the kiosk.
    await server.ctx.storage.db
      .updateTable('accounts')
      .set({ is_disabled: 0 })
      .where('id', '=', accounts.admin)
      .execute();
    expect((await admin.login('demo-admin')).status).toBe(200);
    expect((await admin.request('DELETE', `/api/kiosks/${id}`)).status).toBe(200);
    const waiting = await queue(accounts.agree, 503);
    const outcome = await drainOutbox(deps(), null);
    expect(outcome.kind).toBe('auth_required');
    expect(await readKioskEnrolment(db)).toBeUndefined();
    expect(await db.outbox.get(waiting)).toMatchObject({ state: 'waiting', attempts: 0 });
  });
});
