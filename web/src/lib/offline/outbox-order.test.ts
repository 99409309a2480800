import 'fake-indexeddb/auto';
import { newId } from '@comptoir/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAtacCommand, makeTransitCommand, type FixtureActor } from '../testing/command.factory';
import { FakePushServer } from '../testing/fake-push-server';
import { openComptoirDb, type ComptoirDb } from './db';
import { enqueueCommand, takeBatch } from './outbox';
import { drainOutbox, type SyncDeps } from './sync';

const alice: FixtureActor = { accountId: 'acc-alice', licence: 'L-100001', kioskId: newId() };

let db: ComptoirDb;
let server: FakePushServer;
let clock: number;
let deps: SyncDeps;

beforeEach(async () => {
  db = openComptoirDb(`test-${newId()}`);
  await db.open();
  server = new FakePushServer();
  clock = Date.parse('2026-11-26T15:00:00Z');
  deps = {
    db,
    baseUrl: 'http://kiosk.test',
    fetch: server.fetch,
    now: () => clock,
    random: () => 1,
  };
});

afterEach(async () => {
  await db.delete();
});

/*
 * The issue-14 keystroke spec failed in the full e2e run: "the offline transit did not name its
 * ATAC". An ATAC saved offline had backed off further than the transit typed from it, so the
 * transit was due first and went alone: the server applied it without the ATAC's number.
 */
describe('queue order across backoffs', () => {
  it('a transit that follows a queued ATAC never leaves before it', async () => {
    const atac = makeAtacCommand(alice, 1);
    await enqueueCommand(db, atac, clock);
    // Offline: three failed pushes of the ATAC, its backoff grows (2 s, 4 s, 8 s windows).
    for (let attempt = 0; attempt < 3; attempt += 1) {
      server.faults.push('network');
      expect((await drainOutbox(deps, alice.accountId)).kind).toBe('unreachable');
      // Retried when due, except after the last failure: the ATAC then waits its backoff.
      if (attempt < 2) clock = (await db.outbox.get(atac.id))?.nextAttemptAt ?? clock;
    }
    const transit = makeTransitCommand(alice, 1);
    transit.payload.followsAtac = { commandId: atac.id };
    await enqueueCommand(db, transit, clock + 1);
    clock += 2;
    const atacRow = await db.outbox.get(atac.id);
    expect(atacRow?.nextAttemptAt).toBeGreaterThan(clock);

    // The link is back before the ATAC is due: the transit brings the ATAC along, first.
    const batch = await takeBatch(db, alice.accountId, clock);
    expect(batch.map((row) => row.id)).toEqual([atac.id, transit.id]);
  });

  it('a batch is sent in the order the commands were queued', async () => {
    const first = makeAtacCommand(alice, 1);
    const second = makeAtacCommand(alice, 2);
    await enqueueCommand(db, first, clock);
    await enqueueCommand(db, second, clock + 10);
    // The first backed off past the second's due time, then both are due.
    await db.outbox.update(first.id, { nextAttemptAt: clock + 50, attempts: 2 });
    const batch = await takeBatch(db, alice.accountId, clock + 100);
    expect(batch.map((row) => row.id)).toEqual([first.id, second.id]);
  });

  it('a follower whose ATAC was already answered goes alone', async () => {
    const atac = makeAtacCommand(alice, 1);
    await enqueueCommand(db, atac, clock);
    expect((await drainOutbox(deps, alice.accountId)).applied).toBe(1);
    const transit = makeTransitCommand(alice, 1);
    transit.payload.followsAtac = { commandId: atac.id };
    await enqueueCommand(db, transit, clock + 1);
    const batch = await takeBatch(db, alice.accountId, clock + 1);
    expect(batch.map((row) => row.id)).toEqual([transit.id]);
  });
});
