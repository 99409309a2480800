import type { AppliedResult, CommandOf, CommandType, IssuedDocument } from '@comptoir/shared';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import type { Tx } from '../db/engine.js';
import type { BatchState } from './batch-state.js';
import type { LicenceRecord } from '../registry/licences.repo.js';

/** A document written in this batch whose signatures are still to be made. */
export interface PendingSignature {
  number: string;
  document: IssuedDocument;
}

/**
 * What a handler gets: the parsed command, already authorized on its licence (the pipeline
 * checked the actor, the role and the suspension), inside its own savepoint.
 */
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
  /**
   * The paper a kiosk issued offline that this command carries, once its chain checked out
   * (commands/offline/reconcile.ts): the document takes its number and content.
   */
  offline?: OfflineFacts;
}

/** An offline paper being reconciled: the kiosk's verified document and its lease. */
export interface OfflineFacts {
  document: IssuedDocument;
  leaseId: string;
}

/** A command handler: the rules of one command type. Throws `CommandRejection` to refuse. */
export type CommandHandler<T extends CommandType> = (
  c: CommandContext<T>,
) => Promise<AppliedResult>;
