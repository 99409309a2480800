import {
  apiError,
  type ApiError,
  type CommandOf,
  type CommandType,
  type ErrorCode,
  type IssuedDocument,
} from '@comptoir/shared';
import type { SessionAccount } from '../auth/session.service.js';
import type { ServerContext } from '../context.js';
import type { Tx } from '../db/engine.js';
import type { BatchState } from '../sync/batch-state.js';

/** The licence a command acts under, with its dealer (as printed on documents). */
export interface LicenceRecord {
  number: string;
  isSuspended: boolean;
  /** Staff-set weekly caps; null means the default from the licence's sales history. */
  transitCap: number | null;
  plateCap: number | null;
  dealer: { id: string; name: string; neq: string; permit: string | null; isAccredited: boolean };
}

/** A document written in this batch whose signatures are still to be made. */
export interface PendingSignature {
  number: string;
  document: IssuedDocument;
}

/** What a service gets: the parsed command, its licence, its actor, the transaction. */
export interface CommandContext<T extends CommandType = CommandType> {
  server: ServerContext;
  tx: Tx;
  /** The server's clock at the start of the batch: one time for the whole batch. */
  now: Date;
  actor: SessionAccount;
  licence: LicenceRecord;
  command: CommandOf<T>;
  /**
   * Documents this command issued, to sign once it is applied (never when it rolls back): on
   * the thread pool, while the batch applies its next commands.
   */
  toSign: PendingSignature[];
  /** What the batch already read (counts, licences) and its audit events, in memory. */
  batch: BatchState;
}

/** What an issuing command produced: the shared contract with the kiosk. */
export type { AppliedResult } from '@comptoir/shared';

/** A rule refused the command: it becomes a `rejected` result and is audited. */
export class CommandRejection extends Error {
  constructor(readonly error: ApiError) {
    super(error.code);
  }
}

/** Refuses the command with a catalogue code and optional field paths (same code per field). */
export function reject(code: ErrorCode, paths: string[] = []): never {
  throw new CommandRejection(
    apiError(
      code,
      paths.map((path) => ({ path, code, message: apiError(code).message })),
    ),
  );
}

/** Loads a licence with its dealer, or undefined when it does not exist. */
export async function findLicence(tx: Tx, number: string): Promise<LicenceRecord | undefined> {
  const row = await tx
    .selectFrom('licences as l')
    .innerJoin('dealers as d', 'd.id', 'l.dealer_id')
    .select([
      'l.number',
      'l.is_suspended',
      'l.transit_cap',
      'l.plate_cap',
      'd.id',
      'd.name',
      'd.neq',
      'd.permit',
      'd.is_accredited',
    ])
    .where('l.number', '=', number)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    number: row.number,
    isSuspended: row.is_suspended === 1,
    transitCap: row.transit_cap,
    plateCap: row.plate_cap,
    dealer: {
      id: row.id,
      name: row.name,
      neq: row.neq,
      permit: row.permit,
      isAccredited: row.is_accredited === 1,
    },
  };
}
