import { sql } from 'kysely';
import { newId } from '@comptoir/shared';
import type { Tx } from '../db/engine.js';
import type { ServerOutboxTable } from '../db/plates-by-mail.tables.js';
import { notifyOutboxQueued } from './outbox-wake.js';

/*
 * The server's outbox: what must leave the server (a plate order to the supplier, an e-mail)
 * is written in the transaction that decided it and sent afterwards, never inside the
 * request. It survives a restart because it is a table.
 */

/** What the outbox sends. */
export type OutboxTopic = 'plate.order' | 'plate.cancel' | 'mail';

/** An outbox row. */
export type OutboxRow = ServerOutboxTable;

/** Adds work to send, due at once. */
export async function enqueueOutbox(
  tx: Tx,
  entry: { topic: OutboxTopic; subject: string; payload: unknown; at: Date },
): Promise<string> {
  const id = newId();
  await tx
    .insertInto('server_outbox')
    .values({
      id,
      topic: entry.topic,
      subject: entry.subject,
      payload_json: JSON.stringify(entry.payload),
      attempts: 0,
      next_attempt_at: entry.at.toISOString(),
      lease_until: null,
      last_error: null,
      created_at: entry.at.toISOString(),
      done_at: null,
      outcome: null,
    })
    .execute();
  // This process's worker looks shortly after (once the caller's transaction has committed).
  notifyOutboxQueued();
  return id;
}

/**
 * When the next row falls due (its attempt time, or the end of the lease a sender holds on
 * it, whichever is later), or undefined when nothing waits: one read, outside any write transaction, so that an
 * idle worker never takes a write lock.
 */
export async function nextOutboxDueAt(tx: Tx): Promise<Date | undefined> {
  // A row is due at its attempt time, or when the lease on it ends if that is later (ISO
  // instants of one format compare as text, on both engines).
  const dueAt = sql<string>`case when lease_until is not null and lease_until > next_attempt_at then lease_until else next_attempt_at end`;
  const row = await tx
    .selectFrom('server_outbox')
    .select((eb) => eb.fn.min(dueAt).as('due_at'))
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return typeof row?.due_at === 'string' ? new Date(row.due_at) : undefined;
}

/**
 * Claims up to `limit` due rows for `leaseMs` (oldest first): a row another sender holds is
 * skipped, so two processes never send one row at once. A sender that dies leaves a lease
 * that simply expires.
 */
export async function claimDueOutbox(
  tx: Tx,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<OutboxRow[]> {
  const at = now.toISOString();
  const candidates = await tx
    .selectFrom('server_outbox')
    .selectAll()
    .where('done_at', 'is', null)
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const claimed: OutboxRow[] = [];
  for (const row of candidates) {
    const result = await tx
      .updateTable('server_outbox')
      .set({ lease_until: leaseUntil })
      .where('id', '=', row.id)
      .where('done_at', 'is', null)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) claimed.push({ ...row, lease_until: leaseUntil });
  }
  return claimed;
}

/** Marks a row done (sent, refused for good, or no longer needed) with what happened. */
export async function completeOutbox(tx: Tx, id: string, outcome: string, at: Date): Promise<void> {
  await tx
    .updateTable('server_outbox')
    .set({ done_at: at.toISOString(), outcome, lease_until: null })
    .where('id', '=', id)
    .execute();
}

/** Puts a row back for a later attempt. */
export async function retryOutboxLater(
  tx: Tx,
  id: string,
  retry: { attempts: number; nextAttemptAt: Date; error: string },
): Promise<void> {
  await tx
    .updateTable('server_outbox')
    .set({
      attempts: retry.attempts,
      next_attempt_at: retry.nextAttemptAt.toISOString(),
      last_error: retry.error.slice(0, 500),
      lease_until: null,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Withdraws a waiting row nobody is sending (a plate order cancelled before it left): true
 * when withdrawn, false when it was already sent or is being sent.
 */
export async function withdrawWaitingOutbox(
  tx: Tx,
  topic: OutboxTopic,
  subject: string,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const result = await tx
    .updateTable('server_outbox')
    .set({ done_at: at, outcome: 'withdrawn' })
    .where('topic', '=', topic)
    .where('subject', '=', subject)
    .where('done_at', 'is', null)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Rows of a topic (tests and the status of a subject). */
export function outboxRowsOf(tx: Tx, topic: OutboxTopic, subject?: string): Promise<OutboxRow[]> {
  let query = tx.selectFrom('server_outbox').selectAll().where('topic', '=', topic);
  if (subject !== undefined) query = query.where('subject', '=', subject);
  return query.orderBy('created_at').execute();
}
