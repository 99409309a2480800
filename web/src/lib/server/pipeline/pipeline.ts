import { apiError, commandSpecByType, type Command } from '@comptoir/shared';
import { performance } from 'node:perf_hooks';
import type { ServerContext } from '../context.js';
import { BatchState } from '../commands/batch-state.js';
import { storeSignatures } from '../registry/documents.repo.js';
import { storedResults } from '../registry/idempotency.repo.js';
import { authorizeKioskActors, refuseForeignActors, type CommandSender } from './actors.js';
import { applyOp, type BatchRun, type CommandAnswer } from './apply-command.js';
import { BatchRefusal } from './batch-refusal.js';
import { commandIds, prepareOp, type CommandPath, type PreparedOp } from './intake.js';

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
  const keys = isGuardOff ? [] : prepared.flatMap(specLocks);
  lap('parse');

  const answers = await server.storage.writeTransaction(
    async (tx) => {
      // Locks in sorted order (licences, then the specs' keys), so that concurrent batches
      // queue instead of deadlocking.
      await server.storage.lockLicences(tx, licences);
      await server.storage.lockKeys(tx, keys);
      const run: BatchRun = {
        server,
        tx,
        kiosk,
        state: new BatchState(server.storage, tx, now),
        stored: await storedResults(tx, ids),
        signing: [],
      };
      const answers: CommandAnswer[] = [];
      for (const op of prepared) answers.push(await applyOp(run, op));
      lap('apply');
      await storeSignatures(tx, (await Promise.all(run.signing)).flat());
      lap('sign');
      await run.state.flush(tx);
      lap('flush');
      await server.faults.at('push.before_commit');
      return answers;
    },
    { deferred: isGuardOff },
  );
  lap('commit');
  await server.faults.at('push.after_commit');
  return answers;
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
