import 'fake-indexeddb/auto';
import { newId } from '@comptoir/shared';
import type { Lease } from '@comptoir/shared/offline';
import { makeKioskKey, makeLease } from '../testing/offline-lease.factory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openComptoirDb, type ComptoirDb } from './db';
import { newestLease, needsRenewal, storeLease, takeOfflineNumber } from './leases';

let name: string;
let db: ComptoirDb;
let lease: Lease;
const inside = Date.parse('2026-11-21T12:00:00Z');

beforeEach(async () => {
  name = `test-${newId()}`;
  db = openComptoirDb(name);
  await db.open();
  lease = makeLease(await makeKioskKey());
  await storeLease(db, 'lease.jws.here', lease, inside);
});

afterEach(async () => {
  db.close();
  await openComptoirDb(name).delete();
});

async function take(on: ComptoirDb, kind: 'transit' | 'atac' = 'transit'): Promise<string> {
  const taken = await takeOfflineNumber(on, lease.licence, kind, inside);
  if (!('number' in taken)) throw new Error(taken.refusal);
  return taken.number;
}

describe('takeOfflineNumber', () => {
  it('takes the block in order, then refuses past the cap', async () => {
    // testLease: transit block 11-20 (cap 10), ATAC block 1-5 (cap 5).
    expect(await take(db)).toBe('TH-2026-000011');
    expect(await take(db)).toBe('TH-2026-000012');
    expect(await take(db, 'atac')).toBe('ATACH-2026-000001');
    for (let n = 0; n < 8; n += 1) await take(db);
    expect(await takeOfflineNumber(db, lease.licence, 'transit', inside)).toEqual({
      refusal: 'lease_exhausted',
    });
  });

  it('two tabs taking at once never get the same number', async () => {
    const other = openComptoirDb(name);
    await other.open();
    try {
      const numbers = await Promise.all(
        Array.from({ length: 10 }, (_, index) => take(index % 2 === 0 ? db : other)),
      );
      expect(new Set(numbers).size).toBe(10);
      expect([...numbers].sort()).toEqual(
        Array.from({ length: 10 }, (_, index) => `TH-2026-${String(11 + index).padStart(6, '0')}`),
      );
    } finally {
      other.close();
    }
  });

  it('a reload goes on after the last number taken', async () => {
    expect(await take(db)).toBe('TH-2026-000011');
    db.close();
    db = openComptoirDb(name);
    await db.open();
    expect(await take(db)).toBe('TH-2026-000012');
    expect((await newestLease(db))?.row.used).toEqual({ transit: 2, atac: 0 });
  });

  it('refuses outside the lease window, and without a lease', async () => {
    const after = Date.parse(lease.expiresAt);
    expect(await takeOfflineNumber(db, lease.licence, 'transit', after)).toEqual({
      refusal: 'lease_expired',
    });
    const before = Date.parse(lease.issuedAt) - 1;
    expect(await takeOfflineNumber(db, lease.licence, 'transit', before)).toEqual({
      refusal: 'lease_expired',
    });
    expect(await takeOfflineNumber(db, 'L-999999', 'transit', inside)).toEqual({
      refusal: 'lease_missing',
    });
    // Nothing was taken by the refusals.
    expect(await take(db)).toBe('TH-2026-000011');
  });

  it('a renewed lease retires the old one; numbers come from the new block', async () => {
    await take(db);
    const next = makeLease(await makeKioskKey(), {
      blocks: [{ kind: 'transit', series: 'TH', year: '2026', first: 31, last: 40, cap: 10 }],
    });
    await storeLease(db, 'next.jws', next, inside + 1, lease.leaseId);
    expect((await db.leases.get(lease.leaseId))?.retiredAt).toBe(inside + 1);
    expect(await take(db)).toBe('TH-2026-000031');
  });
});

describe('needsRenewal', () => {
  it('asks for a lease when there is none, when it ends within a day and a half, or runs low', async () => {
    expect(needsRenewal(undefined, inside)).toBe(true);
    const current = await newestLease(db);
    expect(needsRenewal(current, Date.parse(lease.issuedAt))).toBe(false);
    expect(needsRenewal(current, Date.parse(lease.expiresAt) - 3600_000)).toBe(true);
    for (let n = 0; n < 6; n += 1) await take(db);
    expect(needsRenewal(await newestLease(db), Date.parse(lease.issuedAt))).toBe(true);
  });
});
