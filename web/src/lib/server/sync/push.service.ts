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
  isWithinOfflineWindow,
  OFFLINE_WINDOW_HOURS,
  pushRequestSchema,
  type ApiError,
  type Command,
  type CommandOf,
  type CommandType,
} from '@comptoir/shared';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { SYSTEM_CHAIN, appendAudit, licenceChain } from '../audit.js';
import type { KioskIdentity } from '../auth/kiosk-credential.js';
import { loadAccount, type SessionAccount } from '../auth/session.service.js';
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

/**
 * Who sends a push: a person's session, an enrolled kiosk (its device credential), or both.
 * Without a kiosk, every command must be the session's person's. With one, each command's
 * actor is judged on its own (see {@link authorizeKioskActors}).
 */
export interface PushSender {
  session: SessionAccount | null;
  kiosk: KioskIdentity | null;
}

/** How far ahead of the server's clock a kiosk's `createdAt` may be (clock drift). */
export const CREATED_AT_SKEW_MS = 5 * 60_000;

/** One op of a batch, parsed as far as it goes before the transaction. */
interface PreparedOp {
  id: string;
  /** The account the id's idempotency record belongs to (and the audit's actor). */
  accountId: string;
  /** The account the command acts as, with its rights as they are now. */
  actor?: SessionAccount;
  /** Why the command's actor may not act through this push (kiosk pushes). */
  actorRefusal?: ApiError;
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
  /** Each command's result as JSON text, in order (the direct path answers with one). */
  results: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The actor account id an op claims, when it claims one in the expected shape. */
function claimedAccountId(op: unknown): string | undefined {
  if (!isRecord(op) || !isRecord(op.actor)) return undefined;
  return typeof op.actor.accountId === 'string' ? op.actor.accountId : undefined;
}

/**
 * How commands arrive: `queued` from a kiosk's outbox (sync push: online-only types refused),
 * or `direct` from a kiosk that is online, one command at a time (`POST /api/commands`).
 */
export type CommandPath = 'queued' | 'direct';

function prepare(op: unknown, id: string, accountId: string, path: CommandPath): PreparedOp {
  const isAllowedType = (type: string) => path === 'direct' || isOfflineCommandType(type);
  const onlineOnly = (): PreparedOp => ({
    id,
    accountId,
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
      accountId,
      hash: sha256Hex(canonicalJson(op)),
      refusal: apiError('invalid_input', [fieldError('payload', 'invalid_type')]),
    };
  }
  if (parsed.success) {
    // A whole valid command has a valid envelope: one parse decides both.
    if (!isAllowedType(parsed.data.type)) return onlineOnly();
    return {
      id,
      accountId,
      hash: sha256Hex(canonicalCommandJson(parsed.data)),
      command: parsed.data,
      ...(parsed.data.supersedes && { supersedes: parsed.data.supersedes }),
    };
  }
  // An online-only type is refused as such whenever its envelope is valid, payload or not.
  const envelope = commandEnvelopeSchema.safeParse(op);
  if (envelope.success && !isAllowedType(envelope.data.type)) return onlineOnly();
  return {
    id,
    accountId,
    hash: sha256Hex(canonicalJson(op)),
    refusal: fromZodError(parsed.error),
  };
}

/**
 * Without a kiosk credential, another person's commands stay waiting on the kiosk: the whole
 * batch is refused (`actor_not_session`, audited) and nothing is applied.
 */
async function refuseForeignActors(
  server: ServerContext,
  session: SessionAccount,
  ops: readonly unknown[],
  ids: readonly string[],
): Promise<void> {
  const foreign = ops.flatMap((op, index) => {
    const claimed = claimedAccountId(op);
    return claimed !== undefined && claimed !== session.id ? [index] : [];
  });
  if (foreign.length === 0) return;
  const error = apiError(
    'actor_not_session',
    foreign.map((index) => fieldError(`ops.${String(index)}.actor`, 'actor_not_session')),
  );
  const now = server.clock();
  await server.storage.writeTransaction((tx) =>
    appendAudit(tx, now, {
      event: 'push.refused',
      actor: session.id,
      detail: { code: error.code, commandIds: foreign.map((index) => ids[index]) },
    }),
  );
  throw new HttpError(403, error);
}

/**
 * Who each command of an enrolled kiosk's push acts as (ARCHITECTURE.md, "Who may push
 * what"). The person signed in on the kiosk right now acts under their session. Anyone else
 * must have signed in online on THAT kiosk within the offline window before the command's
 * `createdAt` (which may not be ahead of the server's clock beyond a small drift), and their
 * account must be enabled now; their current rights are then checked like anyone's. A command
 * that fails is rejected on its own (stored, audited), never dropped. Reads only, before the
 * batch's transaction.
 */
async function authorizeKioskActors(
  server: ServerContext,
  kiosk: KioskIdentity,
  session: SessionAccount | null,
  prepared: PreparedOp[],
  now: Date,
): Promise<void> {
  const others: { op: PreparedOp; command: Command }[] = [];
  for (const op of prepared) {
    if (!op.command) continue;
    if (session && op.command.actor.accountId === session.id) op.actor = session;
    else others.push({ op, command: op.command });
  }
  if (others.length === 0) return;

  const accountIds = [...new Set(others.map(({ command }) => command.actor.accountId))];
  const accounts = new Map<string, SessionAccount | null>();
  for (const accountId of accountIds) accounts.set(accountId, await loadAccount(server, accountId));
  const earliest = Math.min(...others.map(({ command }) => Date.parse(command.createdAt)));
  const windowMs = OFFLINE_WINDOW_HOURS * 3_600_000;
  const signIns = await server.storage.db
    .selectFrom('kiosk_sign_ins')
    .select(['account_id', 'signed_in_at'])
    .where('kiosk_id', '=', kiosk.id)
    .where('account_id', 'in', accountIds)
    .where('signed_in_at', '>=', new Date(earliest - windowMs).toISOString())
    .execute();

  for (const { op, command } of others) {
    const createdAt = new Date(command.createdAt);
    const account = accounts.get(command.actor.accountId);
    if (createdAt.getTime() > now.getTime() + CREATED_AT_SKEW_MS) {
      op.actorRefusal = apiError('created_at_in_future', [
        fieldError('createdAt', 'created_at_in_future'),
      ]);
    } else if (!account) {
      op.actorRefusal = apiError('actor_account_disabled', [
        fieldError('actor.accountId', 'actor_account_disabled'),
      ]);
    } else if (
      !signIns.some(
        (row) =>
          row.account_id === account.id &&
          isWithinOfflineWindow(new Date(row.signed_in_at), createdAt),
      )
    ) {
      op.actorRefusal = apiError('actor_outside_offline_window', [
        fieldError('actor', 'actor_outside_offline_window'),
      ]);
    } else {
      op.actor = account;
    }
  }
}

/**
 * `POST /api/sync/push` (ARCHITECTURE.md, Sync) with a person's session and no kiosk
 * credential: every command must be that person's (see {@link pushFromSender}).
 */
export async function pushCommands(
  server: ServerContext,
  actor: SessionAccount,
  body: unknown,
  phases?: PushPhases,
  path: CommandPath = 'queued',
): Promise<PushAnswer> {
  return pushFromSender(server, { session: actor, kiosk: null }, body, phases, path);
}

/**
 * `POST /api/sync/push`: checks the batch, then applies every command in its own savepoint
 * inside ONE transaction committed once, durably, before the answer. Batch-level refusals
 * throw HttpError; per-command problems are `rejected` results. Who may push what: without a
 * kiosk credential, only the session's person's commands (else the batch is refused,
 * `actor_not_session`); with one, commands of several people, each judged on its own.
 */
export async function pushFromSender(
  server: ServerContext,
  sender: PushSender,
  body: unknown,
  phases?: PushPhases,
  path: CommandPath = 'queued',
): Promise<PushAnswer> {
  let mark = performance.now();
  /** Adds the time since the last mark to a phase. */
  const lap = (phase: keyof PushPhases) => {
    const at = performance.now();
    if (phases) phases[phase] += at - mark;
    mark = at;
  };
  const { session, kiosk } = sender;
  if (!session && !kiosk) throw new HttpError(401, apiError('unauthenticated'));
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

  if (session && !kiosk) await refuseForeignActors(server, session, ops, ids);

  // The idempotency record of a command belongs to its author (a kiosk pushes for several);
  // an op that does not parse proves no author: it belongs to whoever sent it.
  const senderId = session?.id ?? `kiosk:${kiosk?.id ?? ''}`;
  const prepared = ops.map((op, index) => {
    const ready = prepare(op, ids[index] ?? '', senderId, path);
    if (kiosk && ready.command) ready.accountId = ready.command.actor.accountId;
    return ready;
  });
  const now = server.clock();
  if (kiosk) await authorizeKioskActors(server, kiosk, session, prepared, now);
  else for (const op of prepared) if (session) op.actor = session;
  const licences = prepared.flatMap((op) => (op.command ? [op.command.licence] : []));
  const vins = prepared.flatMap((op) =>
    op.command?.type === 'transit.issue' ? [`vin:${op.command.payload.vehicle.vin}`] : [],
  );
  const isGuardOff = server.faults.is('transit.guard', 'off');
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
      for (const op of prepared) answered.push(await applyOne(server, tx, kiosk, op, batch));
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
    results,
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
  kiosk: KioskIdentity | null,
  op: PreparedOp,
  batch: Batch,
): Promise<ResultJson> {
  const { state } = batch;
  const stored = batch.stored.get(op.id);
  if (stored) {
    if (stored.body_hash === op.hash && stored.account_id === op.accountId) {
      return stored.result_json;
    }
    // Not stored: the id's record stays the original command's.
    const error = apiError('idempotency_conflict', [fieldError('id', 'idempotency_conflict')]);
    await auditRefusal(tx, state, kiosk, op, error, undefined);
    return JSON.stringify({ id: op.id, status: 'rejected', error });
  }

  const restore = state.checkpoint();
  await sql.raw('savepoint push_command').execute(tx);
  try {
    // Documents of a command that rolls back are never signed.
    const toSign: PendingSignature[] = [];
    const result = await runCommand(server, tx, state, kiosk, op, toSign);
    const json = JSON.stringify({ id: op.id, status: 'applied', result });
    await storeResult(tx, state.now, op, 'applied', json);
    await sql.raw('release savepoint push_command').execute(tx);
    const signing = signDocuments(server, toSign);
    // Awaited before the commit; if the batch fails first, its failure is the one reported.
    void signing.catch(() => undefined);
    batch.signing.push(signing);
    batch.stored.set(op.id, { account_id: op.accountId, body_hash: op.hash, result_json: json });
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
    return recordRejection(tx, batch, kiosk, op, error.error);
  }
}

/** Audits a rejection and stores it as the id's record, atomically (else `retry`). */
async function recordRejection(
  tx: Tx,
  batch: Batch,
  kiosk: KioskIdentity | null,
  op: PreparedOp,
  error: ApiError,
): Promise<ResultJson> {
  const { state } = batch;
  const json = JSON.stringify({ id: op.id, status: 'rejected', error });
  const restore = state.checkpoint();
  await sql.raw('savepoint push_rejection').execute(tx);
  try {
    const knownLicence = op.command ? await state.licence(tx, op.command.licence) : undefined;
    await auditRefusal(tx, state, kiosk, op, error, knownLicence?.number);
    await storeResult(tx, state.now, op, 'rejected', json);
    await sql.raw('release savepoint push_rejection').execute(tx);
    batch.stored.set(op.id, { account_id: op.accountId, body_hash: op.hash, result_json: json });
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
  kiosk: KioskIdentity | null,
  op: PreparedOp,
  toSign: PendingSignature[],
): Promise<AppliedResult> {
  if (op.refusal || !op.command)
    throw new CommandRejection(op.refusal ?? apiError('invalid_input'));
  if (op.actorRefusal || !op.actor) {
    throw new CommandRejection(op.actorRefusal ?? apiError('actor_account_disabled'));
  }
  const { command, actor } = op;
  const membership = actor.licences.find((entry) => entry.licence === command.licence);
  const licence = membership ? await batch.licence(tx, command.licence) : undefined;
  // A kiosk works for its own dealer's licences only, whoever signs in on it.
  const isKioskDealer = !kiosk || licence?.dealer.id === kiosk.dealerId;
  if (!membership || !licence || !isKioskDealer) {
    throw new CommandRejection(
      apiError('licence_not_permitted', [fieldError('licence', 'licence_not_permitted')]),
    );
  }
  if (!can(membership.role, actionForCommandType(command.type))) {
    throw new CommandRejection(apiError('forbidden', [fieldError('type', 'forbidden')]));
  }
  if (licence.isSuspended) throw new CommandRejection(apiError('licence_suspended'));
  const { operatorId } = command.actor;
  if (operatorId !== undefined) await checkOperator(tx, operatorId, licence.dealer.id);
  const result = await dispatch(
    { server, tx, now: batch.now, actor, licence, toSign, batch },
    command.type,
    command,
  );
  if (operatorId !== undefined) {
    // The person behind the generic account, on the record with the command (PCI DSS 8.2.2).
    await batch.audit.append(tx, {
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

/**
 * A command made under a generic account names the person who unlocked the kiosk with their
 * PIN: that operator must be one of the licence's dealer's, still enabled.
 */
async function checkOperator(tx: Tx, operatorId: string, dealerId: string): Promise<void> {
  const operator = await tx
    .selectFrom('operators')
    .select(['dealer_id', 'is_disabled'])
    .where('id', '=', operatorId)
    .executeTakeFirst();
  if (!operator || operator.dealer_id !== dealerId || operator.is_disabled === 1) {
    throw new CommandRejection(
      apiError('operator_unknown', [fieldError('actor.operatorId', 'operator_unknown')]),
    );
  }
}

/** Calls the command's handler with a context typed for its command type. */
function dispatch<T extends CommandType>(
  base: Omit<CommandContext, 'command'>,
  type: T,
  command: CommandOf<T>,
): Promise<AppliedResult> {
  const handler = commandHandlers[type];
  if (handler) return handler({ ...base, command });
  throw new CommandRejection(
    apiError('unknown_command_type', [fieldError('type', 'unknown_command_type')]),
  );
}

async function storeResult(
  tx: Tx,
  now: Date,
  op: PreparedOp,
  status: 'applied' | 'rejected',
  json: ResultJson,
): Promise<void> {
  await tx
    .insertInto('idempotency')
    .values({
      command_id: op.id,
      account_id: op.accountId,
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
  kiosk: KioskIdentity | null,
  op: PreparedOp,
  error: ApiError,
  licence: string | undefined,
): Promise<void> {
  await batch.audit.append(
    tx,
    {
      event: 'command.rejected',
      actor: op.accountId,
      licence: licence ?? null,
      subject: op.id,
      detail: {
        code: error.code,
        type: op.command?.type ?? null,
        fields: error.fields.map((field) => `${field.path}:${field.code}`),
        ...(kiosk && { kioskId: kiosk.id }),
      },
    },
    licence ? licenceChain(licence) : SYSTEM_CHAIN,
  );
}
