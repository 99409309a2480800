import { z } from 'zod';
import type { ComptoirDb } from './db';
import { readKioskState, writeKioskState } from './kiosk-state';

/**
 * The time an offline paper is dated with. The kiosk's clock decides nothing online
 * (`createdAt` is kept for the record); offline it must date papers, and a clock set a month
 * ahead would stretch a transit's validity. So a paper is dated from the last server time the
 * kiosk knows plus the time elapsed since, measured with the page's monotonic clock when the
 * server time was learnt in this page (a wall clock moved meanwhile changes nothing), else with
 * the wall clock since it was learnt, never less than zero: never earlier than that server
 * time. Across a reload with a clock set ahead, the lease's window bounds the date (no paper
 * after the lease's end) and the print agent, whose clock does not restart with the browser,
 * refuses a paper dated after its own clock.
 */

/** A server time and when the kiosk learnt it. */
export interface ServerClockAnchor {
  /** Epoch ms, the server's clock. */
  serverTime: number;
  /** Epoch ms, the kiosk's wall clock when it learnt it. */
  wallAt: number;
  /** `performance.now()` when it learnt it, if in this page (monotonic, not kept). */
  monotonicAt?: number;
}

const anchorSchema = z.object({ serverTime: z.number(), wallAt: z.number() });
const ANCHOR_KEY = 'serverClock';

let inPage: ServerClockAnchor | undefined;

/**
 * The date of an offline paper from what the kiosk knows: the anchor, the wall clock now and
 * the page's monotonic clock now.
 *
 * @example offlineNow({ serverTime: t, wallAt: w, monotonicAt: 1000 }, w + 9e9, 61_000) // t + 60 s
 */
export function offlineNow(
  anchor: ServerClockAnchor,
  wallNow: number,
  monotonicNow: number | undefined,
): number {
  const elapsed =
    anchor.monotonicAt !== undefined && monotonicNow !== undefined
      ? monotonicNow - anchor.monotonicAt
      : wallNow - anchor.wallAt;
  return anchor.serverTime + Math.max(0, elapsed);
}

/**
 * Notes a server time the kiosk just received (a push answer, a lease, a `Date` header):
 * kept in this page with the monotonic clock, and in IndexedDB for after a reload.
 */
export async function noteServerTime(
  db: ComptoirDb,
  serverTime: number,
  wallNow: number = Date.now(),
  monotonicNow: number | undefined = globalThis.performance?.now(),
): Promise<void> {
  if (!Number.isFinite(serverTime)) return;
  inPage = { serverTime, wallAt: wallNow, monotonicAt: monotonicNow };
  await writeKioskState(db, ANCHOR_KEY, { serverTime, wallAt: wallNow });
}

/** The anchor to date from: this page's if any, else the one kept, else none (never synced). */
export async function serverClockAnchor(db: ComptoirDb): Promise<ServerClockAnchor | undefined> {
  return inPage ?? (await readKioskState(db, ANCHOR_KEY, anchorSchema));
}

/** The date of an offline paper now; `undefined` when the kiosk never learnt a server time. */
export async function offlineIssueTime(
  db: ComptoirDb,
  wallNow: number = Date.now(),
  monotonicNow: number | undefined = globalThis.performance?.now(),
): Promise<number | undefined> {
  const anchor = await serverClockAnchor(db);
  return anchor ? offlineNow(anchor, wallNow, monotonicNow) : undefined;
}

/** Forgets this page's anchor (tests). */
export function resetServerClockForTests(): void {
  inPage = undefined;
}
