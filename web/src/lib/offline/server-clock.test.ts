import 'fake-indexeddb/auto';
import { newId } from '@comptoir/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openComptoirDb, type ComptoirDb } from './db';
import {
  noteServerTime,
  offlineIssueTime,
  offlineNow,
  resetServerClockForTests,
} from './server-clock';

const serverTime = Date.parse('2026-11-26T15:00:00Z');
const minute = 60_000;
const month = 30 * 24 * 60 * minute;
const year = 365 * 24 * 60 * minute;

let name: string;
let db: ComptoirDb;

beforeEach(async () => {
  resetServerClockForTests();
  name = `test-${newId()}`;
  db = openComptoirDb(name);
  await db.open();
});

afterEach(async () => {
  db.close();
  await openComptoirDb(name).delete();
});

describe('the date of an offline paper', () => {
  it('is the last server time plus the time elapsed since', () => {
    const kioskClock = Date.parse('2026-11-26T14:58:00Z'); // two minutes behind: no matter
    expect(offlineNow({ serverTime, wallAt: kioskClock }, kioskClock + 5 * minute, undefined)).toBe(
      serverTime + 5 * minute,
    );
  });

  it('a kiosk clock set a month ahead in the same page stretches nothing (monotonic clock)', () => {
    const anchor = { serverTime, wallAt: serverTime, monotonicAt: 1_000 };
    expect(offlineNow(anchor, serverTime + month, 1_000 + 10 * minute)).toBe(
      serverTime + 10 * minute,
    );
  });

  it('a kiosk clock set a year back never dates before the server time', () => {
    expect(offlineNow({ serverTime, wallAt: serverTime }, serverTime - year, undefined)).toBe(
      serverTime,
    );
    const anchor = { serverTime, wallAt: serverTime, monotonicAt: 5_000 };
    expect(offlineNow(anchor, serverTime - year, 4_000)).toBe(serverTime);
  });

  it('after a reload it dates from the kept server time, by the wall clock', async () => {
    expect(await offlineIssueTime(db)).toBeUndefined();
    await noteServerTime(db, serverTime, serverTime - 2 * minute, 100);
    expect(await offlineIssueTime(db, serverTime + month, 100 + 3 * minute)).toBe(
      serverTime + 3 * minute,
    );
    resetServerClockForTests(); // the reload: the page's monotonic anchor is gone
    expect(await offlineIssueTime(db, serverTime + 3 * minute, 5)).toBe(serverTime + 5 * minute);
    expect(await offlineIssueTime(db, serverTime - year, 5)).toBe(serverTime);
  });
});
