import 'fake-indexeddb/auto';
import { newId, type SessionInfo } from '@comptoir/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openComptoirDb, type ComptoirDb } from './db';
import {
  OFFLINE_UNLOCK_ITERATIONS,
  forgetOfflineSecret,
  storeOfflineSecret,
  unlockDelayMs,
  unlockOffline,
  watchOfflineSecret,
} from './offline-unlock';

const HOUR = 3_600_000;
const signedInAt = Date.parse('2026-11-26T13:00:00Z');

function sessionOf(username: string): SessionInfo {
  return {
    account: { id: `acc-${username}`, username, displayName: username, kind: 'personal' },
    licences: [
      {
        licence: 'L-100001',
        dealerName: 'Autos',
        neq: '1234567890',
        role: 'accredited_employee',
        accredited: true,
      },
    ],
    idleLockMinutes: 15,
    serverTime: new Date(signedInAt).toISOString(),
  };
}

let db: ComptoirDb;
beforeEach(async () => {
  db = openComptoirDb(`unlock-${newId()}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('offline unlock', () => {
  it('keeps a salted PBKDF2 hash (310,000 rounds by default), never the secret', async () => {
    const info = sessionOf('marie');
    await storeOfflineSecret(db, { info, licence: 'L-100001', signedInAt, secret: 'tulipe-42' });
    const row = await db.offlineUnlocks.get(info.account.id);
    expect(row?.iterations).toBe(OFFLINE_UNLOCK_ITERATIONS);
    expect(JSON.stringify(row)).not.toContain('tulipe-42');
    await storeOfflineSecret(db, { info, licence: undefined, signedInAt, secret: 'tulipe-42' });
    const again = await db.offlineUnlocks.get(info.account.id);
    // A new salt each time: the same secret never gives the same stored hash.
    expect(again?.salt).not.toBe(row?.salt);
    expect(again?.hash).not.toBe(row?.hash);

    const opened = await unlockOffline(db, 'MARIE', 'tulipe-42', signedInAt + HOUR);
    expect(opened).toMatchObject({ ok: true, info: { account: { id: 'acc-marie' } } });
  });

  it('opens only within the window of the online sign-in (12 h by default, or the kiosk setting)', async () => {
    const info = sessionOf('jean');
    await storeOfflineSecret(
      db,
      { info, licence: 'L-100001', signedInAt, secret: 'secret-1' },
      1000,
    );
    expect((await unlockOffline(db, 'jean', 'secret-1', signedInAt + 11 * HOUR)).ok).toBe(true);
    expect(await unlockOffline(db, 'jean', 'secret-1', signedInAt + 13 * HOUR)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    expect(await unlockOffline(db, 'jean', 'secret-1', signedInAt + 3 * HOUR, 2)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    expect(await unlockOffline(db, 'nobody', 'secret-1', signedInAt)).toMatchObject({
      ok: false,
      reason: 'unknown',
    });
    await forgetOfflineSecret(db, info.account.id);
    expect((await unlockOffline(db, 'jean', 'secret-1', signedInAt)).ok).toBe(false);
  });

  it('makes each wrong secret wait longer, refuses tries during the wait, and resets on success', async () => {
    const info = sessionOf('luc');
    await storeOfflineSecret(
      db,
      { info, licence: 'L-100001', signedInAt, secret: 'bonne-cle' },
      1000,
    );
    let now = signedInAt + HOUR;
    const delays: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const outcome = await unlockOffline(db, 'luc', 'mauvaise', now);
      expect(outcome).toMatchObject({ ok: false, reason: 'wrong_secret' });
      if (outcome.ok || outcome.reason !== 'wrong_secret') return;
      delays.push(outcome.retryAfter - now);
      now = outcome.retryAfter;
    }
    expect(delays).toEqual([0, 0, 2000, 4000, 8000]);
    const sixth = await unlockOffline(db, 'luc', 'mauvaise', now);
    expect(sixth).toMatchObject({ ok: false, reason: 'wrong_secret', retryAfter: now + 16_000 });
    // During the wait, even the right secret is not tried.
    expect(await unlockOffline(db, 'luc', 'bonne-cle', now + 1000)).toMatchObject({
      ok: false,
      reason: 'wait',
      retryAfter: now + 16_000,
    });
    expect((await unlockOffline(db, 'luc', 'bonne-cle', now + 16_000)).ok).toBe(true);
    expect((await db.offlineUnlocks.get(info.account.id))?.failures).toBe(0);
    expect(unlockDelayMs(100)).toBe(5 * 60_000);
  });

  it('tells a watcher when the person’s secret appears, so the suggestion goes away', async () => {
    const info = sessionOf('anne');
    const seen: boolean[] = [];
    const stop = watchOfflineSecret(db, info.account.id, (hasSecret) => seen.push(hasSecret));
    await vi.waitFor(() => expect(seen).toEqual([false]));
    await storeOfflineSecret(
      db,
      { info, licence: undefined, signedInAt, secret: 'secret-9' },
      1000,
    );
    await vi.waitFor(() => expect(seen.at(-1)).toBe(true));
    stop();
  });
});
