import { z } from 'zod';
import type { ComptoirDb } from './db';
import { readKioskState, writeKioskState } from './kiosk-state';

const OFFLINE_ISSUANCE_KEY = 'offlineIssuance';
const offlineIssuanceSchema = z.enum(['available', 'unsupported']);
/** Whether this kiosk can issue papers while the server is unreachable. */
export type OfflineIssuance = z.infer<typeof offlineIssuanceSchema>;

/** Notes whether the kiosk could make its key (a browser without Ed25519 cannot). */
export async function noteOfflineIssuance(db: ComptoirDb, state: OfflineIssuance): Promise<void> {
  if ((await readOfflineIssuance(db)) !== state) {
    await writeKioskState(db, OFFLINE_ISSUANCE_KEY, state);
  }
}

/** What the kiosk last noted; `undefined` before its first lease request (not enrolled). */
export async function readOfflineIssuance(db: ComptoirDb): Promise<OfflineIssuance | undefined> {
  return readKioskState(db, OFFLINE_ISSUANCE_KEY, offlineIssuanceSchema);
}
