import type { Action } from '../domain/permissions.js';
import { atacCreateCommand } from './atac-create.command.js';
import { bankaccountSetCommand } from './bankaccount-set.command.js';
import type { CommandAvailability } from './define-command.js';
import { inventoryRecordCommand } from './inventory-record.command.js';
import { platexOrderCommand } from './platex-order.command.js';
import { printOutcomeCommand } from './print-outcome.command.js';
import { registrationCancelCommand } from './registration-cancel.command.js';
import { registrationConfirmCommand } from './registration-confirm.command.js';
import { registrationHoldCommand } from './registration-hold.command.js';
import { transitIssueCommand } from './transit-issue.command.js';

/**
 * THE list of command types: everything else (schema, lists, permissions, dispatch, kiosk
 * routing) is derived from it. Queued types first, in the order the kiosk shows them.
 */
export const commandSpecs = [
  atacCreateCommand,
  transitIssueCommand,
  registrationHoldCommand,
  inventoryRecordCommand,
  platexOrderCommand,
  printOutcomeCommand,
  registrationConfirmCommand,
  registrationCancelCommand,
  bankaccountSetCommand,
] as const;

/** The spec of any command type. */
export type AnyCommandSpec = (typeof commandSpecs)[number];
/** Any command type. */
export type CommandType = AnyCommandSpec['type'];
/** The spec of one command type. */
export type CommandSpecOf<T extends CommandType> = Extract<AnyCommandSpec, { type: T }>;

/** A queueable command type. */
export type OfflineCommandType = Extract<AnyCommandSpec, { availability: 'queued' }>['type'];
/** An online-only command type. */
export type OnlineCommandType = Extract<AnyCommandSpec, { availability: 'online' }>['type'];

/** Each command type's spec, by type. */
export const commandSpecByType = Object.fromEntries(
  commandSpecs.map((spec) => [spec.type, spec]),
) as { readonly [T in CommandType]: CommandSpecOf<T> };

/** Every command type, in spec order. */
export const allCommandTypes = commandSpecs.map((spec) => spec.type);

function typesAvailable<A extends CommandAvailability>(availability: A) {
  return commandSpecs.flatMap((spec) => (spec.availability === availability ? [spec.type] : []));
}

/** Command types that may wait in the kiosk's outbox while offline. */
export const offlineCommandTypes = typesAvailable('queued') as readonly OfflineCommandType[];
/** Alias of {@link offlineCommandTypes}: the queueable command types. */
export const commandTypes = offlineCommandTypes;
/** Command types sent only online, at once (`POST /api/commands`). */
export const onlineCommandTypes = typesAvailable('online') as readonly OnlineCommandType[];

const offlineTypeSet: ReadonlySet<string> = new Set(offlineCommandTypes);
const commandTypeSet: ReadonlySet<string> = new Set(allCommandTypes);

/** True when commands of this type may be queued offline and pushed later. */
export function isOfflineCommandType(type: string): type is OfflineCommandType {
  return offlineTypeSet.has(type);
}

/** True when `type` is a known command type. */
export function isCommandType(type: string): type is CommandType {
  return commandTypeSet.has(type);
}

/** Where a command of this type travels: the kiosk's outbox, or straight to the server. */
export function commandAvailability(type: CommandType): CommandAvailability {
  return commandSpecByType[type].availability;
}

/** The one action of the permission matrix a command type needs. */
export function actionForCommandType(type: CommandType): Action {
  return commandSpecByType[type].action;
}

/** The payload schema of each command type. */
export const commandPayloadSchemas = Object.fromEntries(
  commandSpecs.map((spec) => [spec.type, spec.payload]),
) as { readonly [T in CommandType]: CommandSpecOf<T>['payload'] };
