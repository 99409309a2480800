import 'fake-indexeddb/auto';
import { newId, type SessionInfo } from '@comptoir/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { openComptoirDb, type ComptoirDb } from './db';
import { storeOfflineSecret, unlockOffline } from './offline-unlock';
import { OPERATOR_TRIES_KEY, replaceOperators, unlockOperator } from './operators';

/*
 * The waits after wrong offline-unlock secrets are the only thing between a stolen kiosk and
 * a guessed secret: every try must be counted in IndexedDB before its secret is checked, so
 * that a burst (a script, several tabs) gets no more checks than the policy, and a reload
 * forgets nothing.
 */

const HOUR = 3_600_000;
const signedInAt = Date.parse('2026-11-26T13:00:00Z');
/** Few PBKDF2 rounds: the tests count tries, not the hash's cost. */
const ROUNDS = 1000;

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

const opened: ComptoirDb[] = [];
/** One tab's connection to the kiosk database `name`. */
async function tab(name: string): Promise<ComptoirDb> {
  const db = openComptoirDb(name);
  await db.open();
  opened.push(db);
  return db;
}
afterEach(async () => {
  const names = new Set(opened.map((db) => db.name));
  for (const db of opened.splice(0)) db.close();
  for (const name of names) await openComptoirDb(name).delete();
});

async function withSecret(name: string): Promise<ComptoirDb> {
  const db = await tab(name);
  await storeOfflineSecret(
    db,
    { info: sessionOf('luc'), licence: 'L-100001', signedInAt, secret: 'bonne-cle' },
    ROUNDS,
  );
  return db;
}

describe('offline-unlock waits, counted before the check', () => {
  it('counts every one of 30 concurrent wrong secrets (no try lost to another)', async () => {
    const db = await withSecret(`waits-${newId()}`);
    // Each try 10 minutes after the previous one: longer than any wait, so all 30 are checked.
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        unlockOffline(db, 'luc', `mauvaise-${String(index)}`, signedInAt + (index + 1) * 600_000),
      ),
    );
    expect(
      outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'wrong_secret'),
    ).toHaveLength(30);
    expect((await db.offlineUnlocks.get('acc-luc'))?.failures).toBe(30);
  });

  it('checks only the free tries and the first delayed one of a burst of 30 at one instant', async () => {
    const db = await withSecret(`waits-${newId()}`);
    const now = signedInAt + HOUR;
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        unlockOffline(db, 'luc', index === 29 ? 'bonne-cle' : `mauvaise-${String(index)}`, now),
      ),
    );
    const checked = outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'wrong_secret');
    // Two free tries, the third starts a 2 s wait: 3 checked, the right secret sent last waits.
    expect(checked).toHaveLength(3);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'wait')).toHaveLength(27);
    expect(outcomes.some((outcome) => outcome.ok)).toBe(false);
    expect((await db.offlineUnlocks.get('acc-luc'))?.failures).toBe(3);
  });

  it('keeps the wait across a reload', async () => {
    const name = `waits-${newId()}`;
    const db = await withSecret(name);
    const now = signedInAt + HOUR;
    for (let attempt = 0; attempt < 3; attempt++) await unlockOffline(db, 'luc', 'mauvaise', now);
    db.close();
    const reloaded = await tab(name);
    expect(await unlockOffline(reloaded, 'luc', 'bonne-cle', now + 1000)).toMatchObject({
      ok: false,
      reason: 'wait',
      retryAfter: now + 2000,
    });
    expect((await unlockOffline(reloaded, 'luc', 'bonne-cle', now + 2000)).ok).toBe(true);
  });

  it('shares the wait between two tabs guessing at once', async () => {
    const name = `waits-${newId()}`;
    const first = await withSecret(name);
    const second = await tab(name);
    const now = signedInAt + HOUR;
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        unlockOffline(index % 2 === 0 ? first : second, 'luc', `mauvaise-${String(index)}`, now),
      ),
    );
    expect(
      outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'wrong_secret'),
    ).toHaveLength(3);
    expect((await second.offlineUnlocks.get('acc-luc'))?.failures).toBe(3);
  });
});

/** A verifier as the server salts it for a kiosk (PBKDF2-SHA-256 of the PIN, base64url). */
async function verifierOf(pin: string, salt: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(salt), iterations: ROUNDS },
    key,
    256,
  );
  return Buffer.from(bits).toString('base64url');
}

async function withOperator(name: string): Promise<ComptoirDb> {
  const db = await tab(name);
  await replaceOperators(db, 'acc-generic', [
    {
      operatorId: 'op-sophie',
      displayName: 'Sophie',
      salt: 'sel-du-poste',
      iterations: ROUNDS,
      verifier: await verifierOf('2468', 'sel-du-poste'),
    },
  ]);
  return db;
}

async function pinFailures(db: ComptoirDb): Promise<unknown> {
  return (await db.kioskState.get(OPERATOR_TRIES_KEY))?.value;
}

describe('operator PIN waits, counted before the check', () => {
  it('counts every one of 30 concurrent wrong PINs', async () => {
    const db = await withOperator(`pins-${newId()}`);
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        unlockOperator(db, 'acc-generic', 'op-sophie', String(1000 + index), (index + 1) * 600_000),
      ),
    );
    expect(
      outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'wrong_pin'),
    ).toHaveLength(30);
    expect(await pinFailures(db)).toMatchObject({ count: 30 });
  });

  it('checks 3 PINs of a burst of 30 at one instant, the right one sent last included', async () => {
    const db = await withOperator(`pins-${newId()}`);
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        unlockOperator(
          db,
          'acc-generic',
          'op-sophie',
          index === 29 ? '2468' : String(1000 + index),
          1,
        ),
      ),
    );
    expect(
      outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'wrong_pin'),
    ).toHaveLength(3);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'wait')).toHaveLength(27);
    expect(await pinFailures(db)).toMatchObject({ count: 3, retryAfter: 2001 });
  });

  it('keeps the wait across a reload, shares it between tabs, and resets on the right PIN', async () => {
    const name = `pins-${newId()}`;
    const first = await withOperator(name);
    const second = await tab(name);
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        unlockOperator(index % 2 === 0 ? first : second, 'acc-generic', 'op-sophie', '0000', 1),
      ),
    );
    expect(
      outcomes.filter((outcome) => !outcome.ok && outcome.reason === 'wrong_pin'),
    ).toHaveLength(3);
    first.close();
    const reloaded = await tab(name);
    expect(await unlockOperator(reloaded, 'acc-generic', 'op-sophie', '2468', 1000)).toMatchObject({
      ok: false,
      reason: 'wait',
      retryAfter: 2001,
    });
    expect(await unlockOperator(reloaded, 'acc-generic', 'op-sophie', '2468', 2001)).toMatchObject({
      ok: true,
      operator: { displayName: 'Sophie' },
    });
    expect(await pinFailures(second)).toEqual({ count: 0, retryAfter: 0 });
  });
});
