import {
  apiError,
  commandSchema,
  fromZodError,
  type ApiError,
  type Command,
} from '@comptoir/shared';
import Dexie from 'dexie';
import type { ComptoirDb, OutboxRow, OutboxState } from './db';

/** At most this many commands per push (the server's limit). */
export const PUSH_BATCH_LIMIT = 100;

/** Raised when a command cannot be queued; carries the bilingual error to show. */
export class OutboxError extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message.en);
    this.name = 'OutboxError';
  }
}

/**
 * Writes a command durably into the outbox, before any send. The envelope is parsed by the
 * shared schema first, so nothing invalid is ever queued; a full disk is reported plainly
 * and leaves nothing half-written (one IndexedDB transaction).
 */
export async function enqueueCommand(
  db: ComptoirDb,
  input: unknown,
  now: number = Date.now(),
): Promise<OutboxRow> {
  const parsed = commandSchema.safeParse(input);
  if (!parsed.success) throw new OutboxError(fromZodError(parsed.error));
  const command = parsed.data;
  const row: OutboxRow = {
    id: command.id,
    command,
    state: 'waiting',
    attempts: 0,
    nextAttemptAt: now,
    actorAccountId: command.actor.accountId,
    licence: command.licence,
    createdAt: now,
  };
  try {
    await db.transaction('rw', db.outbox, async () => {
      const existing = await db.outbox.get(command.id);
      // Same id queued twice (a double tap replayed): idempotent, the first write wins.
      if (existing) return;
      await db.outbox.add(row);
      if (command.supersedes) {
        await db.outbox.update(command.supersedes, { supersededBy: command.id });
      }
    });
  } catch (error) {
    if (isQuotaError(error)) throw new OutboxError(apiError('storage_full'));
    throw error;
  }
  return (await db.outbox.get(command.id)) ?? row;
}

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'QuotaExceededError' ||
    ('inner' in error && error.inner instanceof Error && error.inner.name === 'QuotaExceededError')
  );
}

/**
 * The next commands that may be sent now, oldest first: one person's (`actorAccountId`), or,
 * on an enrolled kiosk (`null`), everyone's: the server then judges each command's author on
 * its own. Without enrolment other people's commands are never picked: the server only
 * accepts the signed-in person's.
 */
export async function takeBatch(
  db: ComptoirDb,
  actorAccountId: string | null,
  now: number,
  limit: number = PUSH_BATCH_LIMIT,
): Promise<OutboxRow[]> {
  return db.transaction('rw', db.outbox, async () => {
    // Only the due rows are read, at most `limit` per state, by index: the outbox may hold
    // thousands of rows after a long outage.
    const due = await Promise.all(
      (['waiting', 'held'] as const).map((state) =>
        (actorAccountId === null
          ? db.outbox
              .where('[state+nextAttemptAt]')
              .between([state, Dexie.minKey], [state, now], true, true)
          : db.outbox
              .where('[actorAccountId+state+nextAttemptAt]')
              .between(
                [actorAccountId, state, Dexie.minKey],
                [actorAccountId, state, now],
                true,
                true,
              )
        )
          .limit(limit)
          .toArray(),
      ),
    );
    const picked = due
      .flat()
      .sort(
        (a, b) =>
          a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1),
      )
      .slice(0, limit);
    const batch = (await withQueuedPredecessors(db, picked)).sort(inQueueOrder).slice(0, limit);
    await db.outbox.bulkUpdate(
      batch.map((row) => ({
        key: row.id,
        changes: { state: 'sending' as const, firstSentAt: row.firstSentAt ?? now },
      })),
    );
    return batch.map((row) => ({ ...row, state: 'sending' as const }));
  });
}

/** The order the commands were queued in (ids are UUIDv7: time-ordered too). */
function inQueueOrder(a: OutboxRow, b: OutboxRow): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The queued command a command follows (a transit or registration typed from an ATAC). */
function followedCommandId(command: Command): string | undefined {
  const link = 'followsAtac' in command.payload ? command.payload.followsAtac : undefined;
  return link && 'commandId' in link ? link.commandId : undefined;
}

/**
 * Adds to the batch the still-waiting commands its commands follow. The server resolves a
 * transit's `followsAtac.commandId` only if the ATAC was applied first; the ATAC may have
 * backed off further than the transit typed after it (it failed more pushes while offline),
 * and a transit sent alone is applied without the ATAC's number, for good.
 */
async function withQueuedPredecessors(db: ComptoirDb, picked: OutboxRow[]): Promise<OutboxRow[]> {
  const ids = new Set(picked.map((row) => row.id));
  const wanted = [
    ...new Set(
      picked.map((row) => followedCommandId(row.command)).filter((id) => id !== undefined),
    ),
  ].filter((id) => !ids.has(id));
  if (wanted.length === 0) return picked;
  const predecessors = (await db.outbox.bulkGet(wanted)).filter(
    (row): row is OutboxRow =>
      row !== undefined &&
      (row.state === 'waiting' || row.state === 'held') &&
      picked.some((follower) => follower.actorAccountId === row.actorAccountId),
  );
  return [...picked, ...predecessors];
}

/**
 * After a crash or a closed tab, commands left `sending` have an unknown fate: they go
 * back to waiting and are sent again with the same id, which the server answers from its
 * idempotency record.
 */
export async function recoverInterruptedSends(db: ComptoirDb): Promise<number> {
  return db.outbox.where('state').equals('sending').modify({ state: 'waiting' });
}

/** Counts shown by the status bar: this person's and everyone else's. */
export interface OutboxCounts {
  waiting: number;
  sending: number;
  needsAttention: number;
  /** Commands of other people on this kiosk, waiting for their author (content never shown). */
  othersWaiting: number;
}

/** Counts the queue for the status bar and the queue screen. */
export async function countOutbox(
  db: ComptoirDb,
  actorAccountId: string | undefined,
): Promise<OutboxCounts> {
  const counts: OutboxCounts = { waiting: 0, sending: 0, needsAttention: 0, othersWaiting: 0 };
  await db.outbox.each((row) => {
    const isMine = row.actorAccountId === actorAccountId;
    if (!isMine) {
      if (isPending(row.state)) counts.othersWaiting += 1;
      return;
    }
    if (row.state === 'waiting' || row.state === 'held') counts.waiting += 1;
    else if (row.state === 'sending') counts.sending += 1;
    else if (row.state === 'rejected' && !row.supersededBy) counts.needsAttention += 1;
  });
  return counts;
}

/** Not yet acknowledged by the server. */
export function isPending(state: OutboxState): boolean {
  return state === 'waiting' || state === 'sending' || state === 'held';
}

/** One person's outbox, newest first (the queue screen). */
export async function listOutbox(db: ComptoirDb, actorAccountId: string): Promise<OutboxRow[]> {
  const rows = await db.outbox.where('actorAccountId').equals(actorAccountId).toArray();
  return rows.sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * Removes a rejected command after the person confirmed. Only rejected commands may go:
 * anything else is either not acknowledged yet or the record of what the server did.
 */
export async function discardRejected(
  db: ComptoirDb,
  id: string,
  actorAccountId: string,
): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get(id);
    if (!row || row.state !== 'rejected' || row.actorAccountId !== actorAccountId) return false;
    await db.outbox.delete(id);
    return true;
  });
}

/** Reads a command by id, only for its author. */
export async function getOwnCommand(
  db: ComptoirDb,
  id: string,
  actorAccountId: string,
): Promise<OutboxRow | undefined> {
  const row = await db.outbox.get(id);
  return row?.actorAccountId === actorAccountId ? row : undefined;
}

export type { Command };

/**
 * Makes a person's waiting commands (everyone's on an enrolled kiosk: `null`) due now: the
 * person pressed "sync now" or the link just came back, so the backoff (which guessed how long
 * the outage would last) no longer applies.
 */
export async function makeDueNow(
  db: ComptoirDb,
  actorAccountId: string | null,
  now: number,
): Promise<number> {
  if (actorAccountId === null) {
    return db.outbox.where('state').anyOf(['waiting', 'held']).modify({ nextAttemptAt: now });
  }
  return db.outbox
    .where('[actorAccountId+state]')
    .anyOf([
      [actorAccountId, 'waiting'],
      [actorAccountId, 'held'],
    ])
    .modify({ nextAttemptAt: now });
}
