import {
  actionForCommandType,
  apiError,
  can,
  CommandRejection,
  fieldError,
  localDate,
  payloadWindowProblems,
  roleOn,
  type ApiError,
  type AppliedResult,
  type CommandOf,
  type CommandType,
} from '@comptoir/shared';
import { sql } from 'kysely';
import { SYSTEM_CHAIN, licenceChain } from '../audit.js';
import type { KioskIdentity } from '../accounts/kiosk-credential.js';
import type {
  CommandContext,
  CommandHandler,
  PendingSignature,
} from '../commands/command-context.js';
import { commandHandlers } from '../commands/handlers.js';
import { reconcileOffline, type ReconciledResult } from '../commands/offline/reconcile.js';
import type { ServerContext } from '../context.js';
import type { Tx } from '../db/engine.js';
import type { BatchState } from '../commands/batch-state.js';
import type { DocumentSignatures } from '../registry/documents.repo.js';
import type { ResultRecord, StoredResult } from '../registry/idempotency.repo.js';
import { findOperator } from '../registry/licences.repo.js';
import type { PreparedOp } from './intake.js';
import { signDocuments } from './sign-documents.js';
import { DirectWriteAttempt, type WriteGuard } from './write-guard.js';
import { logger } from '../log/logger.js';

/** A command's answer: its status, and its result as JSON text (stored results verbatim). */
export interface CommandAnswer {
  status: 'applied' | 'rejected' | 'retry' | 'flagged';
  json: string;
}

/** What a transaction carries from one command to the next. */
export interface BatchRun {
  server: ServerContext;
  tx: Tx;
  /** The same transaction through a {@link WriteGuard}: what savepoint-free commands get. */
  guardedTx: Tx;
  guard: WriteGuard;
  /** `savepoints`: every command in its own savepoint (after a failure in `guarded` mode). */
  mode: 'guarded' | 'savepoints';
  kiosk: KioskIdentity | null;
  state: BatchState;
  /** Idempotency records by command id: read once for the batch, added to as it answers. */
  stored: Map<string, StoredResult>;
  /** The answers to store under their ids, written in one go before the commit. */
  results: ResultRecord[];
  /**
   * Signatures of applied commands' documents, started as each command is applied (on the
   * signing worker, alongside the next commands) and written with the documents at the flush.
   */
  signing: Promise<DocumentSignatures[]>[];
}

/**
 * A command failed unexpectedly while running without a savepoint, on an engine where that may
 * abort the transaction (PostgreSQL). The pipeline rolls the whole batch back and runs it again with a
 * savepoint per command, so one bad command never takes the others down with it.
 */
export class UnguardedFailure extends Error {
  constructor(
    readonly commandId: string,
    cause: unknown,
  ) {
    super(`command ${commandId} failed outside a savepoint`, { cause });
  }
}

/**
 * Command types seen writing straight to the database: they start in a savepoint from then on
 * instead of being stopped by the guard and run again (learned per process).
 */
const directWriters = new Set<CommandType>();

/**
 * Applies one prepared command: a replay answers the stored result, a rule's refusal is stored
 * and audited, anything unexpected answers `retry` (never stored) with nothing kept. A command
 * that writes only through the batch runs without a savepoint (see {@link WriteGuard}).
 */
export async function applyOp(run: BatchRun, op: PreparedOp): Promise<CommandAnswer> {
  const stored = run.stored.get(op.id);
  if (stored) {
    if (stored.body_hash === op.hash && stored.account_id === op.accountId) {
      return { status: stored.status, json: stored.result_json };
    }
    // Not stored: the id's record stays the original command's.
    const error = apiError('idempotency_conflict', [fieldError('id', 'idempotency_conflict')]);
    await auditRefusal(run, op, error, undefined);
    return { status: 'rejected', json: JSON.stringify({ id: op.id, status: 'rejected', error }) };
  }
  const type = op.command?.type;
  // An offline paper's reconcile writes its record directly: always in a savepoint, so that
  // online commands of the same type keep running without one.
  const isOffline = op.command?.offline !== undefined;
  if (run.mode === 'savepoints' || isOffline || (type !== undefined && directWriters.has(type))) {
    return applyInSavepoint(run, op);
  }
  const { state } = run;
  const restore = state.checkpoint();
  const toSign: PendingSignature[] = [];
  let result: ReconciledResult;
  run.guard.isOn = true;
  try {
    result = await authorizeAndHandle(run, run.guardedTx, op, toSign);
  } catch (error) {
    restore();
    if (error instanceof CommandRejection) return recordRejection(run, op, error.error);
    if (error instanceof DirectWriteAttempt) {
      if (type !== undefined) directWriters.add(type);
      return applyInSavepoint(run, op);
    }
    // On SQLite the transaction goes on: this command alone answers `retry`. On PostgreSQL it
    // may be aborted: the pipeline runs the batch again with savepoints.
    if (run.server.storage.isAbortedByFailedStatement) throw new UnguardedFailure(op.id, error);
    logger.error({ err: error, commandId: op.id }, 'command failed; answered retry');
    return retry(op);
  } finally {
    run.guard.isOn = false;
  }
  return answerApplied(run, op, result, toSign);
}

/** Stores and answers an applied command (or a flagged offline paper), and signs its documents. */
function answerApplied(
  run: BatchRun,
  op: PreparedOp,
  { flag, ...result }: ReconciledResult,
  toSign: readonly PendingSignature[],
): CommandAnswer {
  const status = flag === undefined ? 'applied' : 'flagged';
  const json = JSON.stringify({ id: op.id, status, result, ...(flag && { error: flag }) });
  store(run, op, status, json);
  startSigning(run, toSign);
  return { status, json };
}

/** The same steps inside a savepoint, for commands that write straight to the database. */
async function applyInSavepoint(run: BatchRun, op: PreparedOp): Promise<CommandAnswer> {
  const { tx, state } = run;
  const restore = state.checkpoint();
  await sql.raw('savepoint push_command').execute(tx);
  try {
    // Documents of a command that rolls back are never signed.
    const toSign: PendingSignature[] = [];
    const result = await authorizeAndHandle(run, tx, op, toSign);
    await sql.raw('release savepoint push_command').execute(tx);
    return answerApplied(run, op, result, toSign);
  } catch (error) {
    await sql.raw('rollback to savepoint push_command').execute(tx);
    await sql.raw('release savepoint push_command').execute(tx);
    restore();
    if (error instanceof CommandRejection) return recordRejection(run, op, error.error);
    // Transient or unexpected: answered `retry`, never stored, so the kiosk sends it again.
    logger.error({ err: error, commandId: op.id }, 'command failed; answered retry');
    return retry(op);
  }
}

/** Signs the command's documents on the worker while the batch goes on. */
function startSigning(run: BatchRun, toSign: readonly PendingSignature[]): void {
  if (toSign.length === 0) return;
  const signing = signDocuments(run.server, toSign);
  // Awaited before the commit; if the batch fails first, its failure is the one reported.
  void signing.catch(() => undefined);
  run.signing.push(signing);
}

function retry(op: PreparedOp): CommandAnswer {
  return { status: 'retry', json: JSON.stringify({ id: op.id, status: 'retry' }) };
}

/** Keeps the command's answer, to be stored under its id with the batch. */
function store(
  run: BatchRun,
  op: PreparedOp,
  status: 'applied' | 'rejected' | 'flagged',
  json: string,
): void {
  run.results.push({
    commandId: op.id,
    accountId: op.accountId,
    bodyHash: op.hash,
    status,
    resultJson: json,
    supersedes: op.supersedes,
    createdAt: run.state.now,
  });
  run.stored.set(op.id, {
    status,
    account_id: op.accountId,
    body_hash: op.hash,
    result_json: json,
  });
}

/** Audits a rejection and keeps it as the id's answer: both in the batch's memory. */
async function recordRejection(
  run: BatchRun,
  op: PreparedOp,
  error: ApiError,
): Promise<CommandAnswer> {
  const json = JSON.stringify({ id: op.id, status: 'rejected', error });
  const knownLicence = op.command ? await run.state.licence(run.tx, op.command.licence) : undefined;
  await auditRefusal(run, op, error, knownLicence?.number);
  store(run, op, 'rejected', json);
  return { status: 'rejected', json };
}

/**
 * Who may act, then the command's rules: the actor must act for the licence (and a kiosk only
 * for its own dealer), the role must allow the spec's action, the licence must not be
 * suspended, and a generic account's operator must be the dealer's. Then its handler.
 */
async function authorizeAndHandle(
  run: BatchRun,
  tx: Tx,
  op: PreparedOp,
  toSign: PendingSignature[],
): Promise<ReconciledResult> {
  const { state, kiosk } = run;
  if (op.refusal || !op.command)
    throw new CommandRejection(op.refusal ?? apiError('invalid_input'));
  if (op.actorRefusal || !op.actor) {
    throw new CommandRejection(op.actorRefusal ?? apiError('actor_account_disabled'));
  }
  const { command, actor } = op;
  const role = roleOn(actor.licences, command.licence);
  const licence = role ? await state.licence(tx, command.licence) : undefined;
  // A kiosk works for its own dealer's licences only, whoever signs in on it.
  const isKioskDealer = !kiosk || licence?.dealer.id === kiosk.dealerId;
  if (!role || !licence || !isKioskDealer) {
    throw new CommandRejection(
      apiError('licence_not_permitted', [fieldError('licence', 'licence_not_permitted')]),
    );
  }
  if (!can(role, actionForCommandType(command.type))) {
    throw new CommandRejection(apiError('forbidden', [fieldError('type', 'forbidden')]));
  }
  if (licence.isSuspended) throw new CommandRejection(apiError('licence_suspended'));
  const { operatorId } = command.actor;
  if (operatorId !== undefined) {
    const operator = await findOperator(tx, operatorId);
    if (!operator || operator.dealerId !== licence.dealer.id || operator.isDisabled) {
      throw new CommandRejection(
        apiError('operator_unknown', [fieldError('actor.operatorId', 'operator_unknown')]),
      );
    }
  }
  // Date windows read "today": the server's (the batch's clock, Québec's calendar day), never
  // the kiosk's; the schemas stay pure (docs/domain.md#sane-input).
  const outOfWindow = payloadWindowProblems(command, localDate(state.now));
  if (outOfWindow.length > 0) {
    throw new CommandRejection(
      apiError(
        'invalid_input',
        outOfWindow.map((field) => ({ ...field, path: `payload.${field.path}` })),
      ),
    );
  }
  const base = { server: run.server, tx, now: state.now, actor, licence, toSign, batch: state };
  const result: ReconciledResult =
    command.offline === undefined
      ? await dispatch(base, command.type, command)
      : await reconcileOffline(base, kiosk, command, (offline) =>
          dispatch({ ...base, offline }, command.type, command),
        );
  if (operatorId !== undefined) {
    // The person behind the generic account, on the record with the command (PCI DSS 8.2.2).
    await state.audit.append(tx, {
      event: 'command.operator',
      actor: actor.id,
      licence: licence.number,
      subject: command.id,
      detail: {
        operatorId,
        type: command.type,
        documents: result.documents.map((document) => document.number),
      },
    });
  }
  return result;
}

/** The handler map seen through its mapped type, so that a generic type picks its handler. */
const handlers: { readonly [T in CommandType]: CommandHandler<T> } = commandHandlers;

/** Calls the command's handler with a context typed for its command type. */
function dispatch<T extends CommandType>(
  base: Omit<CommandContext, 'command'>,
  type: T,
  command: CommandOf<T>,
): Promise<AppliedResult> {
  return handlers[type]({ ...base, command });
}

async function auditRefusal(
  run: BatchRun,
  op: PreparedOp,
  error: ApiError,
  licence: string | undefined,
): Promise<void> {
  await run.state.audit.append(
    run.tx,
    {
      event: 'command.rejected',
      actor: op.accountId,
      licence: licence ?? null,
      subject: op.id,
      detail: {
        code: error.code,
        type: op.command?.type ?? null,
        fields: error.fields.map((field) => `${field.path}:${field.code}`),
        ...(run.kiosk && { kioskId: run.kiosk.id }),
      },
    },
    licence ? licenceChain(licence) : SYSTEM_CHAIN,
  );
}
