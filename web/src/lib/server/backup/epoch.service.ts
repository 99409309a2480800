import { sql } from 'kysely';
import { appendAudit } from '../audit.js';
import type { Storage, Tx } from '../db/engine.js';
import { jumpCounters } from './counters.repo.js';

/** The registry's current life: its number and the backup it was restored from, if any. */
export interface Epoch {
  epoch: number;
  /** When the backup this epoch was restored from was taken; null for the first epoch. */
  backupTakenAt: string | null;
}

/** The current epoch (the highest). */
export async function currentEpoch(db: Tx): Promise<Epoch> {
  const row = await db
    .selectFrom('server_epochs')
    .select(['epoch', 'backup_taken_at'])
    .orderBy('epoch', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return { epoch: Number(row.epoch), backupTakenAt: row.backup_taken_at };
}

/** The smallest jump, whatever the history says. */
export const MIN_RESTORE_GAP = 1000;
const DAY_MS = 86_400_000;

/**
 * How far the counters must jump so that nothing issued between the backup and the restore
 * can be issued again: twice the busiest day of the 30 days before the backup (documents of
 * every kind), for every day (begun) since the backup and one more, and never less than
 * {@link MIN_RESTORE_GAP}. The same jump serves every series: the busiest series bounds all.
 */
export async function restoreGap(db: Tx, backupTakenAt: Date, now: Date): Promise<number> {
  const since = new Date(backupTakenAt.getTime() - 30 * DAY_MS).toISOString();
  const busiest = await db
    .selectFrom('documents')
    .select([
      sql<string>`substr(issued_at, 1, 10)`.as('day'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('issued_at', '>=', since)
    .groupBy(sql`substr(issued_at, 1, 10)`)
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst();
  const days = Math.max(0, Math.ceil((now.getTime() - backupTakenAt.getTime()) / DAY_MS)) + 1;
  return Math.max(MIN_RESTORE_GAP, 2 * Number(busiest?.n ?? 0) * days);
}

/** What a restore did to the registry (printed by the restore command, audited). */
export interface NewEpoch {
  epoch: number;
  gap: number;
  sessionsRevoked: number;
}

/**
 * Starts the epoch after a restore, in one transaction (docs/operating.md#backup-and-restore):
 * every counter jumps past what may have been issued since the backup; sessions and sign-ins
 * in flight (the open leases: they may have been ended after the backup) are revoked, so
 * everybody signs in again; the new epoch is recorded and audited on the system chain. Kiosks
 * see the new epoch in their next pull and send back what the server applied after the backup.
 */
export async function startNewEpoch(
  storage: Storage,
  options: { backupTakenAt: Date; now: Date; gap?: number },
): Promise<NewEpoch> {
  return storage.writeTransaction(async (tx) => {
    const previous = await currentEpoch(tx);
    const gap = options.gap ?? (await restoreGap(tx, options.backupTakenAt, options.now));
    await jumpCounters(storage, tx, gap);
    const sessions = await tx.deleteFrom('account_sessions').executeTakeFirst();
    await tx.deleteFrom('oidc_flows').execute();
    const epoch = previous.epoch + 1;
    await tx
      .insertInto('server_epochs')
      .values({
        epoch,
        started_at: options.now.toISOString(),
        backup_taken_at: options.backupTakenAt.toISOString(),
        gap,
      })
      .execute();
    const sessionsRevoked = Number(sessions.numDeletedRows);
    await appendAudit(tx, options.now, {
      event: 'system.restored',
      subject: `epoch:${String(epoch)}`,
      detail: { epoch, gap, backupTakenAt: options.backupTakenAt.toISOString(), sessionsRevoked },
    });
    return { epoch, gap, sessionsRevoked };
  });
}
