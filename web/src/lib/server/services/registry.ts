import type { CommandType } from '@comptoir/shared';
import { createAtac } from './atac.service.js';
import { setBankAccount } from './bank-account.service.js';
import { orderPlateX } from './plate-x.service.js';
import type { AppliedResult, CommandContext } from './command-context.js';
import { recordPrintOutcome } from './print-outcome.service.js';
import { recordInventory } from './inventory.service.js';
import {
  cancelRegistration,
  confirmRegistration,
  holdRegistration,
} from './registration.service.js';
import { issueTransit } from './transit.service.js';

/** A command handler: validated, authorized command in, applied result out (or a rejection). */
export type CommandHandler<T extends CommandType> = (
  c: CommandContext<T>,
) => Promise<AppliedResult>;

/**
 * The handler of each command type, queued (sync push) or direct (online only, `POST
 * /api/commands`): one module per service. A missing entry is answered `unknown_command_type`.
 */
export const commandHandlers: { [T in CommandType]?: CommandHandler<T> } = {
  'atac.create': createAtac,
  'transit.issue': issueTransit,
  'print.outcome': recordPrintOutcome,
  'registration.hold': holdRegistration,
  'registration.confirm': confirmRegistration,
  'registration.cancel': cancelRegistration,
  'inventory.record': recordInventory,
  'platex.order': orderPlateX,
  'bankaccount.set': setBankAccount,
};
