import { z } from 'zod';
import { uuidv7Schema } from '../ids.js';
import { offlineIssueSchema } from '../offline/lease.schema.js';
import { isoDateTimeSchema, licenceNumberSchema } from '../schemas/primitives.schema.js';
import {
  allCommandTypes,
  commandSpecs,
  type AnyCommandSpec,
  type CommandType,
} from './command-specs.js';

/** Who did it: the signed-in account, and on a generic account the person's operator id. */
export const actorSchema = z
  .object({
    accountId: z.string().min(1).max(64),
    operatorId: z.string().min(1).max(64).optional(),
  })
  .strict();
/** A command's actor. */
export type Actor = z.infer<typeof actorSchema>;

/** Envelope fields every command carries (docs/sync.md, "Commands"). */
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
  /**
   * The paper a kiosk issued offline from its lease for this command (only `transit.issue` and
   * `atac.create`; docs/sync.md#offline-issuance-leases-the-chain-reconcile). Absent online: an
   * absent key is dropped from the canonical text, so older envelopes hash as before.
   */
  offline: offlineIssueSchema.optional(),
};

/** The strict schema of one command type's commands: the envelope with that type's payload. */
type CommandObject<S extends AnyCommandSpec> = z.ZodObject<
  typeof envelopeShape & { type: z.ZodLiteral<S['type']>; payload: S['payload'] },
  z.core.$strict
>;

function commandObjectOf<S extends AnyCommandSpec>(spec: S): CommandObject<S> {
  return z
    .object({ ...envelopeShape, type: z.literal(spec.type), payload: spec.payload })
    .strict() as CommandObject<S>;
}

/** Maps a tuple of specs to the tuple of their command objects (a generic keeps it a tuple). */
type CommandObjects<S extends readonly AnyCommandSpec[]> = {
  -readonly [K in keyof S]: S[K] extends AnyCommandSpec ? CommandObject<S[K]> : never;
};

/**
 * One strict object per spec, in spec order. `map` cannot keep a tuple's element types, so the
 * result is given the tuple type it has by construction.
 */
const commandObjects = commandSpecs.map(commandObjectOf) as unknown as CommandObjects<
  typeof commandSpecs
>;

/** A command: the strict envelope, discriminated on `type`, with that type's payload. */
export const commandSchema = z.discriminatedUnion('type', commandObjects);
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
  .object({
    ...envelopeShape,
    type: z.enum(allCommandTypes as [CommandType, ...CommandType[]]),
    payload: z.unknown(),
  })
  .strict();
/** A command envelope (payload not yet parsed). */
export type CommandEnvelope = z.infer<typeof commandEnvelopeSchema>;

/** Just the id of something that claims to be a command: enough to answer for it. */
export const commandIdSchema = z.object({ id: uuidv7Schema }).loose();
