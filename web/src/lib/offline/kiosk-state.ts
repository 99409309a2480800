import { z } from 'zod';
import { newId } from '@comptoir/shared';
import type { ComptoirDb } from './db';

/**
 * Typed access to the kiosk's key/value facts. Every read goes through a zod schema: the
 * row may come from an older version of the app.
 */
export async function readKioskState<T>(
  db: ComptoirDb,
  key: string,
  schema: z.ZodType<T>,
): Promise<T | undefined> {
  const row = await db.kioskState.get(key);
  if (!row) return undefined;
  const parsed = schema.safeParse(row.value);
  return parsed.success ? parsed.data : undefined;
}

/** Writes one kiosk fact. */
export async function writeKioskState(db: ComptoirDb, key: string, value: unknown): Promise<void> {
  await db.kioskState.put({ key, value });
}

/** Removes one kiosk fact. */
export async function clearKioskState(db: ComptoirDb, key: string): Promise<void> {
  await db.kioskState.delete(key);
}

/** This kiosk's id, created once and kept: commands name the kiosk they came from. */
export async function kioskId(db: ComptoirDb): Promise<string> {
  return db.transaction('rw', db.kioskState, async () => {
    const existing = await readKioskState(db, 'kioskId', z.string());
    if (existing) return existing;
    const id = newId();
    await writeKioskState(db, 'kioskId', id);
    return id;
  });
}

/** Sync facts shown by the status bar of every tab. */
export const syncStatusSchema = z.object({
  lastSyncAt: z.number().optional(),
  lastAttemptAt: z.number().optional(),
  /** The server said 401: the person must sign in again; commands are kept. */
  isAuthRequired: z.boolean().default(false),
  lastProblem: z.string().optional(),
});
/** Sync facts shown by the status bar of every tab. */
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** Merges new sync facts into the stored ones. */
export async function updateSyncStatus(db: ComptoirDb, patch: Partial<SyncStatus>): Promise<void> {
  await db.transaction('rw', db.kioskState, async () => {
    const current = (await readKioskState(db, 'syncStatus', syncStatusSchema)) ?? {
      isAuthRequired: false,
    };
    await writeKioskState(db, 'syncStatus', { ...current, ...patch });
  });
}
