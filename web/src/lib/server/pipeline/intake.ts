import {
  apiError,
  canonicalCommandJson,
  canonicalJson,
  commandEnvelopeSchema,
  commandIdSchema,
  commandSchema,
  fieldError,
  fromZodError,
  isOfflineCommandType,
  type ApiError,
  type Command,
} from '@comptoir/shared';
import type { SessionAccount } from '../accounts/session.service.js';
import { sha256Hex } from '../hash.js';
import { MAX_JSON_DEPTH, jsonShapeProblem } from '../http/json-intake.js';
import { BatchRefusal } from './batch-refusal.js';

/**
 * How commands arrive: `queued` from a kiosk's outbox (sync push: online-only types refused),
 * or `direct` from a kiosk that is online, one command at a time (`POST /api/commands`).
 */
export type CommandPath = 'queued' | 'direct';

/** One command of a submission, parsed as far as it goes before the transaction. */
export interface PreparedOp {
  id: string;
  /** The account the id's idempotency record belongs to (and the audit's actor). */
  accountId: string;
  /** The account the command acts as, with its rights as they are now. */
  actor?: SessionAccount;
  /** Why the command's actor may not act through this submission (kiosk pushes). */
  actorRefusal?: ApiError;
  /** sha256 of the canonical parsed command (or of the raw op when it does not parse). */
  hash: string;
  command?: Command;
  /** Refused before any rule ran (bad payload, online-only type). */
  refusal?: ApiError;
  supersedes?: string;
}

/**
 * The id of each op: without a valid id a command can be neither answered for nor kept
 * idempotent, so one missing id refuses the submission. `pathOf(i)` names op i's fields.
 */
export function commandIds(ops: readonly unknown[], pathOf: (index: number) => string): string[] {
  const errors: ApiError['fields'] = [];
  const ids = ops.map((op, index) => {
    const parsed = commandIdSchema.safeParse(op);
    if (!parsed.success) errors.push(fieldError(pathOf(index) + 'id', 'invalid_id'));
    return parsed.success ? parsed.data.id : '';
  });
  if (errors.length > 0) throw new BatchRefusal('invalid_input', apiError('invalid_input', errors));
  return ids;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The actor account id an op claims, when it claims one in the expected shape. */
export function claimedAccountId(op: unknown): string | undefined {
  if (!isRecord(op) || !isRecord(op.actor)) return undefined;
  return typeof op.actor.accountId === 'string' ? op.actor.accountId : undefined;
}

/**
 * Parses one op, ONCE: the command and its hash (the idempotency fingerprint), or the reason it
 * is refused before any rule runs. Never throws: a bad op becomes a `rejected` result alone.
 */
export function prepareOp(
  op: unknown,
  id: string,
  accountId: string,
  path: CommandPath,
): PreparedOp {
  const isAllowedType = (type: string) => path === 'direct' || isOfflineCommandType(type);
  const refused = (refusal: ApiError): PreparedOp => ({
    id,
    accountId,
    hash: sha256Hex(canonicalJson(op)),
    refusal,
  });
  const onlineOnly = () => refused(apiError('online_only', [fieldError('type', 'online_only')]));
  // Before anything walks it recursively (schemas, hashing): depth and special keys.
  const shape = jsonShapeProblem(op, MAX_JSON_DEPTH);
  if (shape) return refused(apiError('invalid_input', [fieldError(shape.path, shape.code)]));
  let parsed;
  try {
    parsed = commandSchema.safeParse(op);
  } catch {
    // A schema refinement that throws on a shape it did not expect is still bad input,
    // never a 500 (found by the property test: `payload: []` on an ATAC).
    return refused(apiError('invalid_input', [fieldError('payload', 'invalid_type')]));
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
  return refused(fromZodError(parsed.error));
}
