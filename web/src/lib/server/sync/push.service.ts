import {
  actionForCommandType,
  apiError,
  can,
  canonicalCommandJson,
  canonicalJson,
  commandEnvelopeSchema,
  commandIdSchema,
  commandSchema,
  fieldError,
  fromZodError,
  isOfflineCommandType,
  pushRequestSchema,
  type ApiError,
  type Command,
} from '@comptoir/shared';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { SYSTEM_CHAIN, appendAudit, licenceChain } from '../audit.js';
import type { SessionAccount } from '../auth/session.service.js';
import type { ServerContext } from '../context.js';
import type { Tx } from '../db/engine.js';
import { sha256Hex } from '../hash.js';
import { HttpError } from '../http/responses.js';
import {
  CommandRejection,
  type AppliedResult,
  type CommandContext,
  type PendingSignature,
} from '../services/command-context.js';
import {
  signDocuments,
  storeSignatures,
  type DocumentSignatures,
} from '../services/documents.service.js';
import { commandHandlers } from '../services/registry.js';
import { BatchState } from './batch-state.js';

/** One op of a batch, parsed as far as it goes before the transaction. */
interface PreparedOp {
  id: string;
  /** sha256 of the canonical parsed command (or of the raw op when it does not parse). */
  hash: string;
  command?: Command;
  /** Refused before any rule ran (bad payload, online-only type). */
  refusal?: ApiError;
  supersedes?: string;
}

/** A command's result as JSON text: what is stored is what is replayed, byte for byte. */
type ResultJson = string;

/**
 * Where a push's time goes, in ms, added to by {@link pushCommands} when given (benchmarks):
 * checking and parsing the batch, applying the commands (rules, writes, savepoints), signing
 * the documents, writing what the batch kept in memory (audit rows, counters), and the commit
 * with its fsync.
 */
export interface PushPhases {
  parse: number;
  apply: number;
  sign: number;
  flush: number;
  commit: number;
}

/** The full push answer, as JSON text (stored results are spliced in unchanged). */
export interface PushAnswer {
  body: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The actor account id an op claims, when it claims one in the expected shape. */
function claimedAccountId(op: unknown): string | undefined {
  if (!isRecord(op) || !isRecord(op.actor)) return undefined;
  return typeof op.actor.accountId === 'string' ? op.actor.accountId : undefined;
}

function prepare(op: unknown, id: string): PreparedOp {
  const onlineOnly = (): PreparedOp => ({
    id,
    hash: sha256Hex(canonicalJson(op)),
    refusal: apiError('online_only', [fieldError('type', 'online_only')]),
  });
  let parsed;
  try {
    parsed = commandSchema.safeParse(op);
  } catch {
    // A schema refinement that throws on a shape it did not expect is still bad input,
    // never a 500 (found by the property test: `payload: []` on an ATAC).
    return {
      id,
      hash: sha256Hex(canonicalJson(op)),
      refusal: apiError('invalid_input', [fieldError('payload', 'invalid_type')]),
    };
  }
  if (parsed.success) {
    // A whole valid command has a valid envelope: one parse decides both.
    if (!isOfflineCommandType(parsed.data.type)) return onlineOnly();
    return {
      id,
      hash: sha256Hex(canonicalCommandJson(parsed.data)),
      command: parsed.data,
      ...(parsed.data.supersedes && { supersedes: parsed.data.supersedes }),
    };
  }
  // An online-only type is refused as such whenever its envelope is valid, payload or not.
  const envelope = commandEnvelopeSchema.safeParse(op);
  if (envelope.success && !isOfflineCommandType(envelope.data.type)) return onlineOnly();
  return { id, hash: sha256Hex(canonicalJson(op)), refusal: fromZodError(parsed.error) };
}

/**
 * `POST /api/sync/push` (ARCHITECTURE.md, Sync): checks the batch, then applies every
 * command in its own savepoint inside ONE transaction committed once, durably, before the
 * answer. Batch-level refusals throw HttpError; per-command problems are `rejected` results.
 */
export async function pushCommands(
  server: ServerContext,
  actor: SessionAccount,
  body: unknown,
  phases?: PushPhases,
): Promise<PushAnswer> {
  let mark = performance.now();
  /** Adds the time since the last mark to a phase. */
  const lap = (phase: keyof PushPhases) => {
    const at = performance.now();
    if (phases) phases[phase] += at - mark;
    mark = at;
  };
  const request = pushRequestSchema.safeParse(body);
  if (!request.success) throw new HttpError(400, fromZodError(request.error));
  const { ops } = request.data;

  // Without a valid id a command cannot be answered for, nor kept idempotent.
  const idErrors: ApiError['fields'] = [];
  const ids = ops.map((op, index) => {
    const parsed = commandIdSchema.safeParse(op);
    if (!parsed.success) idErrors.push(fieldError(`ops.${String(index)}.id`, 'invalid_id'));
    return parsed.success ? parsed.data.id : '';
  });
  if (idErrors.length > 0) throw new HttpError(400, apiError('invalid_input', idErrors));

  // Another person's commands stay waiting on the kiosk: refuse the whole batch, apply nothing.
  const foreign = ops.flatMap((op, index) => {
    const claimed = claimedAccountId(op);
    return claimed !== undefined && claimed !== actor.id ? [index] : [];
  });
  if (foreign.length > 0) {
    const error = apiError(
      'actor_not_session',
      foreign.map((index) => fieldError(`ops.${String(index)}.actor`, 'actor_not_session')),
    );
    const now = server.clock();
    await server.storage.writeTransaction((tx) =>
      appendAudit(tx, now, {
        event: 'push.refused',
        actor: actor.id,
        detail: { code: error.code, commandIds: foreign.map((index) => ids[index]) },
      }),
    );
    throw new HttpError(403, error);
  }

  const prepared = ops.map((op, index) => prepare(op, ids[index] ?? ''));
  const licences = prepared.flatMap((op) => (op.command ? [op.command.licence] : []));
  const vins = prepared.flatMap((op) =>
    op.command?.type === 'transit.issue' ? [`vin:${op.command.payload.vehicle.vin}`] : [],
  );
  const isGuardOff = server.faults.is('transit.guard', 'off');
  const now = server.clock();
  lap('parse');

  const results = await server.storage.writeTransaction(
    async (tx) => {
      // Locks in sorted order (licences, then vehicles), so that concurrent batches queue
      // instead of deadlocking; the vehicle locks guard the per-vehicle limits across licences.
      await server.storage.lockLicences(tx, licences);
      if (!isGuardOff) await server.storage.lockKeys(tx, vins);
      const batch: Batch = {
        state: new BatchState(server.storage, tx, now),
        stored: await storedResults(tx, ids),
        signing: [],
      };
      const answered: ResultJson[] = [];
      for (const op of prepared) answered.push(await applyOne(server, tx, actor, op, batch));
      lap('apply');
      await storeSignatures(tx, (await Promise.all(batch.signing)).flat());
      lap('sign');
      await batch.state.flush(tx);
      lap('flush');
      await server.faults.at('push.before_commit');
      return answered;
    },
    { deferred: isGuardOff },
  );
  lap('commit');
  await server.faults.at('push.after_commit');
  return {
    body: `{"serverTime":${JSON.stringify(server.clock().toISOString())},"results":[${results.join(',')}]}`,
  };
}

/** What a batch carries from one command to the next inside its transaction. */
interface Batch {
  state: BatchState;
  /** Idempotency records by command id: read once for the batch, added to as it stores. */
  stored: Map<string, StoredResult>;
  /**
   * Signatures of applied commands' documents, started as each command is applied (on the
   * thread pool, alongside the next commands) and stored before the commit.
   */
  signing: Promise<DocumentSignatures[]>[];
}

/** An idempotency record as the batch compares it. */
interface StoredResult {
  account_id: string;
  body_hash: string;
  result_json: string;
}

/** The idempotency records of the batch's ids, in one query. */
async function storedResults(tx: Tx, ids: readonly string[]): Promise<Map<string, StoredResult>> {
  const unique = [...new Set(ids)];
  const rows = await tx
    .selectFrom('idempotency')
    .select(['command_id', 'account_id', 'body_hash', 'result_json'])
    .where('command_id', 'in', unique)
    .execute();
  return new Map(rows.map(({ command_id, ...row }) => [command_id, row]));
}

async function applyOne(
  server: ServerContext,
  tx: Tx,
  actor: SessionAccount,
  op: PreparedOp,
  batch: Batch,
): Promise<ResultJson> {
  const { state } = batch;
  const stored = batch.stored.get(op.id);
  if (stored) {
    if (stored.body_hash === op.hash && stored.account_id === actor.id) return stored.result_json;
    // Not stored: the id's record stays the original command's.
    const error = apiError('idempotency_conflict', [fieldError('id', 'idempotency_conflict')]);
    await auditRefusal(tx, state, actor, op, error, undefined);
    return JSON.stringify({ id: op.id, status: 'rejected', error });
  }

  const restore = state.checkpoint();
  await sql.raw('savepoint push_command').execute(tx);
  try {
    // Documents of a command that rolls back are never signed.
    const toSign: PendingSignature[] = [];
    const result = await runCommand(server, tx, state, actor, op, toSign);
    const json = JSON.stringify({ id: op.id, status: 'applied', result });
    await storeResult(tx, state.now, actor, op, 'applied', json);
    await sql.raw('release savepoint push_command').execute(tx);
    const signing = signDocuments(server, toSign);
    // Awaited before the commit; if the batch fails first, its failure is the one reported.
    void signing.catch(() => undefined);
    batch.signing.push(signing);
    batch.stored.set(op.id, { account_id: actor.id, body_hash: op.hash, result_json: json });
    return json;
  } catch (error) {
    await sql.raw('rollback to savepoint push_command').execute(tx);
    await sql.raw('release savepoint push_command').execute(tx);
    restore();
    if (!(error instanceof CommandRejection)) {
      // Transient or unexpected: answered `retry`, never stored, so the kiosk sends it again.
      console.error(`comptoir: command ${op.id} failed`, error);
      return JSON.stringify({ id: op.id, status: 'retry' });
    }
    return recordRejection(tx, batch, actor, op, error.error);
  }
}

/** Audits a rejection and stores it as the id's record, atomically (else `retry`). */
async function recordRejection(
  tx: Tx,
  batch: Batch,
  actor: SessionAccount,
  op: PreparedOp,
  error: ApiError,
): Promise<ResultJson> {
  const { state } = batch;
  const json = JSON.stringify({ id: op.id, status: 'rejected', error });
  const restore = state.checkpoint();
  await sql.raw('savepoint push_rejection').execute(tx);
  try {
    const knownLicence = op.command ? await state.licence(tx, op.command.licence) : undefined;
    await auditRefusal(tx, state, actor, op, error, knownLicence?.number);
    await storeResult(tx, state.now, actor, op, 'rejected', json);
    await sql.raw('release savepoint push_rejection').execute(tx);
    batch.stored.set(op.id, { account_id: actor.id, body_hash: op.hash, result_json: json });
    return json;
  } catch (failure) {
    await sql.raw('rollback to savepoint push_rejection').execute(tx);
    await sql.raw('release savepoint push_rejection').execute(tx);
    restore();
    console.error(`comptoir: could not record the rejection of ${op.id}`, failure);
    return JSON.stringify({ id: op.id, status: 'retry' });
  }
}

async function runCommand(
  server: ServerContext,
  tx: Tx,
  batch: BatchState,
  actor: SessionAccount,
  op: PreparedOp,
  toSign: PendingSignature[],
): Promise<AppliedResult> {
  if (op.refusal || !op.command)
    throw new CommandRejection(op.refusal ?? apiError('invalid_input'));
  const command = op.command;
  const membership = actor.licences.find((entry) => entry.licence === command.licence);
  const licence = membership ? await batch.licence(tx, command.licence) : undefined;
  if (!membership || !licence) {
    throw new CommandRejection(
      apiError('licence_not_permitted', [fieldError('licence', 'licence_not_permitted')]),
    );
  }
  if (!can(membership.role, actionForCommandType(command.type))) {
    throw new CommandRejection(apiError('forbidden', [fieldError('type', 'forbidden')]));
  }
  if (licence.isSuspended) throw new CommandRejection(apiError('licence_suspended'));
  return dispatch({ server, tx, now: batch.now, actor, licence, toSign, batch }, command);
}

/** Calls the command's handler with a context typed for its command type. */
function dispatch(base: Omit<CommandContext, 'command'>, command: Command): Promise<AppliedResult> {
  switch (command.type) {
    case 'atac.create': {
      const handler = commandHandlers['atac.create'];
      if (handler) return handler({ ...base, command });
      break;
    }
    case 'transit.issue': {
      const handler = commandHandlers['transit.issue'];
      if (handler) return handler({ ...base, command });
      break;
    }
    case 'print.outcome': {
      const handler = commandHandlers['print.outcome'];
      if (handler) return handler({ ...base, command });
      break;
    }
    default:
      break;
  }
  throw new CommandRejection(
    apiError('unknown_command_type', [fieldError('type', 'unknown_command_type')]),
  );
}

async function storeResult(
  tx: Tx,
  now: Date,
  actor: SessionAccount,
  op: PreparedOp,
  status: 'applied' | 'rejected',
  json: ResultJson,
): Promise<void> {
  await tx
    .insertInto('idempotency')
    .values({
      command_id: op.id,
      account_id: actor.id,
      body_hash: op.hash,
      result_json: json,
      status,
      supersedes: op.supersedes ?? null,
      created_at: now.toISOString(),
    })
    .execute();
}

async function auditRefusal(
  tx: Tx,
  batch: BatchState,
  actor: SessionAccount,
  op: PreparedOp,
  error: ApiError,
  licence: string | undefined,
): Promise<void> {
  await batch.audit.append(
    tx,
    {
      event: 'command.rejected',
      actor: actor.id,
      licence: licence ?? null,
      subject: op.id,
      detail: {
        code: error.code,
        type: op.command?.type ?? null,
        fields: error.fields.map((field) => `${field.path}:${field.code}`),
      },
    },
    licence ? licenceChain(licence) : SYSTEM_CHAIN,
  );
}
