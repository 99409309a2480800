import { z } from 'zod';
import type { ComptoirDb } from './db';
import { readKioskState, writeKioskState } from './kiosk-state';

/** Where the kiosk keeps which licences the authority suspended, as last heard. */
export const SUSPENSIONS_KEY = 'licenceSuspensions';

/** Licence number -> suspended, as the server last said (session or pull). */
export const licenceSuspensionsSchema = z.record(z.string(), z.boolean());
/** See {@link licenceSuspensionsSchema}. */
export type LicenceSuspensions = z.infer<typeof licenceSuspensionsSchema>;

/** What the kiosk last heard of each licence's suspension (empty when nothing yet). */
export async function readLicenceSuspensions(db: ComptoirDb): Promise<LicenceSuspensions> {
  return (await readKioskState(db, SUSPENSIONS_KEY, licenceSuspensionsSchema)) ?? {};
}

/**
 * Records what the server just said of these licences (a session answer, or a pull), in one
 * write: kept across reloads and offline, and seen by every tab (Dexie broadcasts it), so the
 * home page and the licence picker follow a suspension or a reinstatement at the next sync.
 */
export async function recordLicenceSuspensions(
  db: ComptoirDb,
  heard: LicenceSuspensions,
): Promise<void> {
  if (Object.keys(heard).length === 0) return;
  await db.transaction('rw', db.kioskState, async () => {
    const known = await readLicenceSuspensions(db);
    const merged = { ...known, ...heard };
    if (Object.entries(heard).every(([licence, value]) => known[licence] === value)) return;
    await writeKioskState(db, SUSPENSIONS_KEY, merged);
  });
}
