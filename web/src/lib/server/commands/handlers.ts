import type { CommandType } from '@comptoir/shared';
import { createAtac } from './atac/create.handler.js';
import { setBankAccount } from './bank/bank-account.handler.js';
import { orderPlateX } from './platex/order.handler.js';
import type { CommandHandler } from './command-context.js';
import { recordPrintOutcome } from './print/outcome.handler.js';
import { recordInventory } from './inventory/record.handler.js';
import { cancelRegistration } from './registration/cancel.handler.js';
import { confirmRegistration } from './registration/confirm.handler.js';
import { holdRegistration } from './registration/hold.handler.js';
import { issueTransit } from './transit/issue.handler.js';

/**
 * The handler of each command type, queued (sync push) or online (`POST /api/commands`): one
 * module per command. The map is exhaustive: a command type without a handler does not compile.
 */
export const commandHandlers = {
  'atac.create': createAtac,
  'transit.issue': issueTransit,
  'print.outcome': recordPrintOutcome,
  'registration.hold': holdRegistration,
  'registration.confirm': confirmRegistration,
  'registration.cancel': cancelRegistration,
  'inventory.record': recordInventory,
  'platex.order': orderPlateX,
  'bankaccount.set': setBankAccount,
} satisfies { [T in CommandType]: CommandHandler<T> };
