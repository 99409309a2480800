import { z } from 'zod';
import { uuidv7Schema } from '../ids.js';
import { atacCreateSchema } from './atac.schema.js';
import { bankAccountSchema } from './bank-account.schema.js';
import { inventoryRecordSchema } from './inventory.schema.js';
import { plateXOrderSchema } from './plate-x.schema.js';
import { isoDateTimeSchema, licenceNumberSchema } from './primitives.schema.js';
import { printOutcomeSchema } from './print-outcome.schema.js';
import {
  registrationCancelSchema,
  registrationConfirmSchema,
  registrationRequestSchema,
} from './registration.schema.js';
import { transitIssueSchema } from './transit.schema.js';

/** Command types that may wait in the kiosk's outbox while offline. */
export const offlineCommandTypes = [
  'atac.create',
  'transit.issue',
  'registration.hold',
  'inventory.record',
  'platex.order',
  'print.outcome',
] as const;
/** Alias of {@link offlineCommandTypes}: the queueable command types. */
export const commandTypes = offlineCommandTypes;
/** A queueable command type. */
export type OfflineCommandType = (typeof offlineCommandTypes)[number];

/**
 * Command types that are online only: the registry must update at once with the client
 * present (confirmation, same-day cancellation), or the action is sensitive (bank account).
 */
export const onlineCommandTypes = [
  'registration.confirm',
  'registration.cancel',
  'bankaccount.set',
] as const;
/** An online-only command type. */
export type OnlineCommandType = (typeof onlineCommandTypes)[number];

/** Every command type. */
export const allCommandTypes = [...offlineCommandTypes, ...onlineCommandTypes] as const;
/** Any command type. */
export type CommandType = (typeof allCommandTypes)[number];

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

/** The payload schema of each command type. */
export const commandPayloadSchemas = {
  'atac.create': atacCreateSchema,
  'transit.issue': transitIssueSchema,
  'registration.hold': registrationRequestSchema,
  'inventory.record': inventoryRecordSchema,
  'platex.order': plateXOrderSchema,
  'print.outcome': printOutcomeSchema,
  'registration.confirm': registrationConfirmSchema,
  'registration.cancel': registrationCancelSchema,
  'bankaccount.set': bankAccountSchema,
} as const satisfies Record<CommandType, z.ZodType>;

/** Who did it: the signed-in account, and on a generic account the person's operator id. */
export const actorSchema = z
  .object({
    accountId: z.string().min(1).max(64),
    operatorId: z.string().min(1).max(64).optional(),
  })
  .strict();
/** A command's actor. */
export type Actor = z.infer<typeof actorSchema>;

/** Envelope fields every command carries (see ARCHITECTURE.md "Sync"). */
const envelopeShape = {
  /** The idempotency key, chosen by the kiosk. */
  id: uuidv7Schema,
  v: z.literal(1),
  licence: licenceNumberSchema,
  kioskId: z.string().min(1).max(64),
  actor: actorSchema,
  /** The kiosk's clock, kept for the record; the server's clock decides dates. */
  createdAt: isoDateTimeSchema,
  /** A corrected command names the one it replaces. */
  supersedes: uuidv7Schema.optional(),
};

function commandOf<T extends CommandType>(type: T) {
  return z
    .object({ ...envelopeShape, type: z.literal(type), payload: commandPayloadSchemas[type] })
    .strict();
}

/** A command: the strict envelope, discriminated on `type`, with that type's payload. */
export const commandSchema = z.discriminatedUnion('type', [
  commandOf('atac.create'),
  commandOf('transit.issue'),
  commandOf('registration.hold'),
  commandOf('inventory.record'),
  commandOf('platex.order'),
  commandOf('print.outcome'),
  commandOf('registration.confirm'),
  commandOf('registration.cancel'),
  commandOf('bankaccount.set'),
]);
/** A parsed command. */
export type Command = z.infer<typeof commandSchema>;
/** The command of one type. */
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
/** What a kiosk writes before parsing (input side: optional defaults not yet applied). */
export type CommandInput = z.input<typeof commandSchema>;

/**
 * The envelope with an unparsed payload: lets the server answer a command whose payload is
 * bad with a per-command `rejected` result under its own id.
 */
export const commandEnvelopeSchema = z
  .object({ ...envelopeShape, type: z.enum(allCommandTypes), payload: z.unknown() })
  .strict();
/** A command envelope (payload not yet parsed). */
export type CommandEnvelope = z.infer<typeof commandEnvelopeSchema>;

/** Just the id of something that claims to be a command: enough to answer for it. */
export const commandIdSchema = z.object({ id: uuidv7Schema }).loose();
