import 'fake-indexeddb/auto';
import { apiError, newId } from '@comptoir/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeAtacCommand, makeTransitCommand, type FixtureActor } from '../testing/command.factory';
import { FakePushServer } from '../testing/fake-push-server';
import { RETRY_BASE_MS, RETRY_CAP_MS, retryDelayMs } from './backoff';
import { openComptoirDb, schemaVersions, type ComptoirDb } from './db';
import { readKioskState, syncStatusSchema } from './kiosk-state';
import {
  countOutbox,
  discardRejected,
  enqueueCommand,
  OutboxError,
  recoverInterruptedSends,
  takeBatch,
} from './outbox';
import { drainOutbox, type SyncDeps } from './sync';

const alice: FixtureActor = { accountId: 'acc-alice', licence: 'L-100001', kioskId: newId() };
const bob: FixtureActor = { accountId: 'acc-bob', licence: 'L-100001', kioskId: alice.kioskId };

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
    random: () => 0.5,
  };
});

afterEach(async () => {
  await db.delete();
});

describe('enqueueCommand', () => {
  it('writes a valid command durably as waiting, before any send', async () => {
    const command = makeAtacCommand(alice, 1);
    await enqueueCommand(db, command, clock);
    const row = await db.outbox.get(command.id);
    expect(row).toMatchObject({ state: 'waiting', attempts: 0, actorAccountId: 'acc-alice' });
    expect(server.requests).toHaveLength(0);
  });

  it('refuses an invalid command with field errors and writes nothing', async () => {
    const command = makeAtacCommand(alice, 1);
    command.payload.vehicle.vin = 'NOT A VIN';
    const failure = await enqueueCommand(db, command, clock).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutboxError);
    if (!(failure instanceof OutboxError)) return;
    expect(failure.apiError.code).toBe('invalid_input');
    expect(failure.apiError.fields.some((field) => field.path.includes('vin'))).toBe(true);
    expect(await db.outbox.count()).toBe(0);
  });

  it('reports a full disk with the shared storage_full error and writes nothing', async () => {
    // IndexedDB refuses the write as a browser does when the origin's quota is used up.
    vi.spyOn(db.outbox, 'add').mockRejectedValue(
      new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    );
    const command = makeAtacCommand(alice, 1);
    const failure = await enqueueCommand(db, command, clock).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutboxError);
    if (!(failure instanceof OutboxError)) return;
    expect(failure.apiError).toEqual(apiError('storage_full'));
    expect(await db.outbox.count()).toBe(0);
  });

  it('is idempotent: the same id queued twice stays one row', async () => {
    const command = makeAtacCommand(alice, 1);
    await enqueueCommand(db, command, clock);
    await enqueueCommand(db, command, clock);
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('drainOutbox', () => {
  it('sends waiting commands and records the document numbers', async () => {
    await enqueueCommand(db, makeAtacCommand(alice, 1), clock);
    await enqueueCommand(db, makeTransitCommand(alice, 2), clock);
    const outcome = await drainOutbox(deps, alice.accountId);
    expect(outcome).toMatchObject({ kind: 'done', applied: 2 });
    const rows = await db.outbox.toArray();
    expect(rows.every((row) => row.state === 'applied')).toBe(true);
    expect(rows.map((row) => row.documentNumber).sort()).toEqual(['T-000001', 'T-000002']);
    const status = await readKioskState(db, 'syncStatus', syncStatusSchema);
    expect(status?.lastSyncAt).toBe(clock);
  });

  it('batches at most 100 commands per push', async () => {
    for (let index = 0; index < 250; index += 1) {
      await enqueueCommand(db, makeAtacCommand(alice, index), clock);
    }
    await drainOutbox(deps, alice.accountId);
    expect(server.requests.map((request) => request.ids.length)).toEqual([100, 100, 50]);
    expect(server.applied.size).toBe(250);
  }, 30_000);

  it('backs off after a network failure and does not resend before the delay', async () => {
    const command = makeAtacCommand(alice, 1);
    await enqueueCommand(db, command, clock);
    server.faults.push('network');
    expect((await drainOutbox(deps, alice.accountId)).kind).toBe('unreachable');
    const row = await db.outbox.get(command.id);
    expect(row).toMatchObject({ state: 'waiting', attempts: 1 });
    expect(row?.nextAttemptAt).toBeGreaterThan(clock);
    expect(await drainOutbox(deps, alice.accountId)).toMatchObject({ kind: 'done', applied: 0 });
    expect(server.requests).toHaveLength(1);
    clock = row?.nextAttemptAt ?? clock;
    expect(await drainOutbox(deps, alice.accountId)).toMatchObject({ kind: 'done', applied: 1 });
  });

  it('retries a 5xx and keeps the command', async () => {
    await enqueueCommand(db, makeAtacCommand(alice, 1), clock);
    server.faults.push(500);
    expect((await drainOutbox(deps, alice.accountId)).kind).toBe('unreachable');
    expect(await db.outbox.where('state').equals('waiting').count()).toBe(1);
  });

  it('a lost answer is replayed with the same id and applied exactly once', async () => {
    const command = makeAtacCommand(alice, 1);
    await enqueueCommand(db, command, clock);
    server.faults.push('lost_answer');
    await drainOutbox(deps, alice.accountId);
    clock += RETRY_CAP_MS;
    await drainOutbox(deps, alice.accountId);
    expect(server.requests.map((request) => request.ids)).toEqual([[command.id], [command.id]]);
    expect(server.applied.get(command.id)).toBe(1);
    expect((await db.outbox.get(command.id))?.state).toBe('applied');
  });

  it('stops on 401, keeps the commands with their author and flags the sign-in', async () => {
    await enqueueCommand(db, makeAtacCommand(alice, 1), clock);
    server.faults.push(401);
    expect((await drainOutbox(deps, alice.accountId)).kind).toBe('auth_required');
    const row = (await db.outbox.toArray())[0];
    expect(row).toMatchObject({ state: 'waiting', actorAccountId: 'acc-alice', attempts: 0 });
    const status = await readKioskState(db, 'syncStatus', syncStatusSchema);
    expect(status?.isAuthRequired).toBe(true);
  });

  it('sends only the signed-in person’s commands; others are counted, not shown', async () => {
    await enqueueCommand(db, makeAtacCommand(alice, 1), clock);
    await enqueueCommand(db, makeAtacCommand(bob, 2), clock);
    server.signedInAccountId = alice.accountId;
    await drainOutbox(deps, alice.accountId);
    expect(server.requests.flatMap((request) => request.ids)).toHaveLength(1);
    const counts = await countOutbox(db, alice.accountId);
    expect(counts).toEqual({ waiting: 0, sending: 0, needsAttention: 0, othersWaiting: 1 });
  });

  it('holds commands when the server answers actor_not_session', async () => {
    await enqueueCommand(db, makeAtacCommand(alice, 1), clock);
    server.faults.push('actor_not_session');
    await drainOutbox(deps, alice.accountId);
    expect((await db.outbox.toArray())[0]?.state).toBe('held');
    // Held commands go again once their author is signed in.
    expect(await drainOutbox(deps, alice.accountId)).toMatchObject({ applied: 1 });
  });

  it('keeps a rejection with its reason; a correction supersedes it; discard needs rejected', async () => {
    const bad = makeAtacCommand(alice, 1);
    bad.payload.vehicle.make = 'REJECT';
    await enqueueCommand(db, bad, clock);
    await drainOutbox(deps, alice.accountId);
    const rejected = await db.outbox.get(bad.id);
    expect(rejected?.state).toBe('rejected');
    expect(rejected?.error?.fields[0]?.path).toBe('payload.vehicle.make');
    expect((await countOutbox(db, alice.accountId)).needsAttention).toBe(1);

    const correction = { ...makeAtacCommand(alice, 1), supersedes: bad.id };
    await enqueueCommand(db, correction, clock);
    expect((await db.outbox.get(bad.id))?.supersededBy).toBe(correction.id);
    expect((await countOutbox(db, alice.accountId)).needsAttention).toBe(0);
    await drainOutbox(deps, alice.accountId);
    expect((await db.outbox.get(correction.id))?.state).toBe('applied');

    expect(await discardRejected(db, correction.id, alice.accountId)).toBe(false);
    expect(await discardRejected(db, bad.id, bob.accountId)).toBe(false);
    expect(await discardRejected(db, bad.id, alice.accountId)).toBe(true);
    expect(await db.outbox.get(bad.id)).toBeUndefined();
  });

  it('commands interrupted while sending go back to waiting and keep their envelope', async () => {
    const command = makeAtacCommand(alice, 1);
    await enqueueCommand(db, command, clock);
    await takeBatch(db, alice.accountId, clock);
    expect((await db.outbox.get(command.id))?.state).toBe('sending');
    expect(await recoverInterruptedSends(db)).toBe(1);
    const row = await db.outbox.get(command.id);
    expect(row?.state).toBe('waiting');
    expect(row?.firstSentAt).toBe(clock);
    expect(row?.command.id).toBe(command.id);
  });
});

describe('schema upgrades', () => {
  it('keeps the commands queued under an older version and sends them after the upgrade', async () => {
    const name = `upgrade-${newId()}`;
    const old = openComptoirDb(name, 1);
    const command = makeAtacCommand(alice, 7);
    await enqueueCommand(old, command, clock);
    old.close();

    const upgraded = openComptoirDb(name);
    await upgraded.open();
    try {
      expect(upgraded.verno).toBe(schemaVersions.length);
      expect((await upgraded.outbox.get(command.id))?.state).toBe('waiting');
      const outcome = await drainOutbox({ ...deps, db: upgraded }, alice.accountId);
      expect(outcome).toMatchObject({ kind: 'done', applied: 1 });
    } finally {
      await upgraded.delete();
    }
  });
});

describe('retryDelayMs', () => {
  it('grows exponentially, is capped, and is jittered within half a window', () => {
    expect(retryDelayMs(1, () => 0)).toBe(RETRY_BASE_MS / 2);
    expect(retryDelayMs(1, () => 1)).toBe(RETRY_BASE_MS);
    expect(retryDelayMs(3, () => 1)).toBe(RETRY_BASE_MS * 4);
    expect(retryDelayMs(40, () => 1)).toBe(RETRY_CAP_MS);
    expect(retryDelayMs(40, () => 0)).toBe(RETRY_CAP_MS / 2);
  });
});
