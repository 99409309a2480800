import type { CommandType, OfflineCommandType } from '@comptoir/shared';
import { createAtac } from './atac.service.js';
import type { AppliedResult, CommandContext } from './command-context.js';
import { recordPrintOutcome } from './print-outcome.service.js';
import { issueTransit } from './transit.service.js';

/** A command handler: validated, authorized command in, applied result out (or a rejection). */
export type CommandHandler<T extends CommandType> = (
  c: CommandContext<T>,
) => Promise<AppliedResult>;

/**
 * The queueable command types this server applies so far; "Registry services" adds the
 * others here (one module each). A missing entry is answered `unknown_command_type`.
 */
export const commandHandlers: { [T in OfflineCommandType]?: CommandHandler<T> } = {
  'atac.create': createAtac,
  'transit.issue': issueTransit,
  'print.outcome': recordPrintOutcome,
};
