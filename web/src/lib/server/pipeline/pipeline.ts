import { apiError, commandSpecByType, seriesOfKind, type Command } from '@comptoir/shared';
import { performance } from 'node:perf_hooks';
import type { ServerContext } from '../context.js';
import { BatchState } from '../commands/batch-state.js';
import { storedResults, storeResults } from '../registry/idempotency.repo.js';
import { authorizeKioskActors, refuseForeignActors, type CommandSender } from './actors.js';
import { applyOp, UnguardedFailure, type BatchRun, type CommandAnswer } from './apply-command.js';
import { BatchRefusal } from './batch-refusal.js';
import { commandIds, prepareOp, type CommandPath, type PreparedOp } from './intake.js';
import { WriteGuard } from './write-guard.js';
import { logger } from '../log/logger.js';

export type { CommandAnswer } from './apply-command.js';
export type { CommandSender } from './actors.js';

/**
 * Where a submission's time goes, in ms, added to when given (benchmarks): checking and parsing,
 * applying the commands (rules, writes, savepoints), signing the documents, writing what the
 * batch kept in memory (audit rows, counters), and the commit with its fsync.
 */
export interface PipelinePhases {
  parse: number;
  apply: number;
  sign: number;
  flush: number;
  commit: number;
}

/**
 * Applies a batch of queued commands (the kiosk's outbox, `POST /api/sync/push`): each in its
 * own savepoint inside ONE transaction committed once, durably, before it returns. Online-only
 * types are rejected. One answer per op, in order.
 */
export function applyBatch(
  server: ServerContext,
  sender: CommandSender,
  ops: readonly unknown[],
  phases?: PipelinePhases,
): Promise<CommandAnswer[]> {
  return applySubmission(server, sender, ops, 'queued', (index) => `ops.${String(index)}.`, phases);
}

/**
 * Applies one command sent online (`POST /api/commands`), any type, through the same steps as a
 * batch: parse, who may act, idempotency, savepoint, rules, stored result, audit, signatures,
 * durable commit.
 */
export async function applyCommand(
  server: ServerContext,
  sender: CommandSender,
  body: unknown,
): Promise<CommandAnswer> {
  const [answer] = await applySubmission(server, sender, [body], 'direct', () => '');
  if (!answer) throw new Error('a submission of one command answers once');
  return answer;
}

async function applySubmission(
  server: ServerContext,
  sender: CommandSender,
  ops: readonly unknown[],
  path: CommandPath,
  pathOf: (index: number) => string,
  phases?: PipelinePhases,
): Promise<CommandAnswer[]> {
  let mark = performance.now();
  /** Adds the time since the last mark to a phase. */
  const lap = (phase: keyof PipelinePhases) => {
    const at = performance.now();
    if (phases) phases[phase] += at - mark;
    mark = at;
  };
  const { session, kiosk } = sender;
  if (!session && !kiosk) throw new BatchRefusal('unauthenticated', apiError('unauthenticated'));
  const ids = commandIds(ops, pathOf);
  if (session && !kiosk) await refuseForeignActors(server, session, ops, ids, pathOf);

  // The idempotency record of a command belongs to its author (a kiosk pushes for several);
  // an op that does not parse proves no author: it belongs to whoever sent it.
  const senderId = session?.id ?? `kiosk:${kiosk?.id ?? ''}`;
  const prepared = ops.map((op, index) => {
    const ready = prepareOp(op, ids[index] ?? '', senderId, path);
    if (kiosk && ready.command) ready.accountId = ready.command.actor.accountId;
    return ready;
  });
  const now = server.clock();
  if (kiosk) await authorizeKioskActors(server, kiosk, session, prepared, now);
  else for (const op of prepared) if (session) op.actor = session;
  const licences = prepared.flatMap((op) => (op.command ? [op.command.licence] : []));
  // The fault switches the specs' extra locks off, to prove in tests that they are needed.
  const isGuardOff = server.faults.is('transit.guard', 'off');
  // Each command id is locked too: the stored answers read after the locks stay true until the
  // commit, so a concurrent push of the same id waits, then replays the answer stored here.
  const keys = [
    ...ids.map((id) => `command:${id}`),
    ...(isGuardOff ? [] : prepared.flatMap(specLocks)),
  ];
  const expectedNumbers = expectedDraws(prepared);
  const commands = prepared.flatMap((op) => (op.command ? [op.command] : []));
  lap('parse');

  const runOnce = (mode: BatchRun['mode']) =>
    server.storage.writeTransaction(
      async (tx) => {
        // Locks in sorted order (licences, then the specs' keys), so that concurrent batches
        // queue instead of deadlocking.
        await server.storage.lockLicences(tx, licences);
        await server.storage.lockKeys(tx, keys);
        const guard = new WriteGuard();
        const run: BatchRun = {
          server,
          tx,
          guardedTx: tx.withPlugin(guard),
          guard,
          mode,
          kiosk,
          state: new BatchState(server.storage, tx, now, expectedNumbers, commands),
          stored: await storedResults(tx, ids),
          results: [],
          signing: [],
        };
        const answers: CommandAnswer[] = [];
        for (const op of prepared) answers.push(await applyOp(run, op));
        lap('apply');
        const signed = (await Promise.all(run.signing)).flat();
        lap('sign');
        await run.state.flush(tx, new Map(signed.map((entry) => [entry.number, entry])));
        await storeResults(tx, run.results);
        lap('flush');
        await server.faults.at('push.before_commit');
        return answers;
      },
      { deferred: isGuardOff },
    );
  let answers: CommandAnswer[];
  try {
    answers = await runOnce('guarded').catch((error: unknown) => {
      if (!(error instanceof UnguardedFailure)) throw error;
      // Rolled back whole: the same batch again, each command in its own savepoint, so that
      // the failing one answers `retry` alone.
      logger.error(
        { err: error.cause, commandId: error.commandId },
        'a command failed; the batch runs again with savepoints',
      );
      return runOnce('savepoints');
    });
  } catch (error) {
    // The transaction failed as a whole (a write at the flush, the commit; on SQLite a stale
    // snapshot when the write lock is not taken first): nothing was kept, so every command
    // answers `retry` and is sent again, never stored.
    logger.error({ err: error }, 'a batch failed as a whole; every command answers retry');
    answers = prepared.map((op) => ({
      status: 'retry',
      json: JSON.stringify({ id: op.id, status: 'retry' }),
    }));
  }
  lap('commit');
  await server.faults.at('push.after_commit');
  return answers;
}

/** How many numbers of each series the batch may draw: one per document its specs issue. */
function expectedDraws(prepared: readonly PreparedOp[]): Map<string, number> {
  const draws = new Map<string, number>();
  for (const op of prepared) {
    if (!op.command) continue;
    for (const kind of commandSpecByType[op.command.type].issues) {
      const series = seriesOfKind(kind);
      if (series) draws.set(series, (draws.get(series) ?? 0) + 1);
    }
  }
  return draws;
}

/** The lock keys a command's spec asks for (the transit's vehicle, say). */
function specLocks(op: PreparedOp): readonly string[] {
  if (!op.command) return [];
  const command: Command = op.command;
  // The spec and the command share their type by construction; TypeScript cannot correlate
  // the two unions, so the spec's function is called on the payload it was defined for.
  const locks = commandSpecByType[command.type].locks as
    ((payload: Command['payload']) => readonly string[]) | undefined;
  return locks ? locks(command.payload) : [];
}
