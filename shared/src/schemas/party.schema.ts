import { z } from 'zod';
import { addressSchema } from './address.schema.js';
import { driverLicenceSchema, isoDateSchema, neqSchema, textSchema } from './primitives.schema.js';

/** A person: buyer, co-owner, holder or seller, identified by a Québec driving licence. */
export const personSchema = z
  .object({
    kind: z.literal('person'),
    firstName: textSchema(60),
    lastName: textSchema(60),
    driverLicence: driverLicenceSchema,
    dateOfBirth: isoDateSchema.optional(),
    address: addressSchema,
  })
  .strict();
/** A person party. */
export type Person = z.infer<typeof personSchema>;

/** A business, identified by its enterprise number (NEQ). */
export const businessSchema = z
  .object({
    kind: z.literal('business'),
    name: textSchema(120),
    neq: neqSchema,
    address: addressSchema,
  })
  .strict();
/** A business party. */
export type Business = z.infer<typeof businessSchema>;

/** A party to a transaction: a person or a business. */
export const partySchema = z.discriminatedUnion('kind', [personSchema, businessSchema]);
/** A person or a business. */
export type Party = z.infer<typeof partySchema>;

/** The name a document prints for a party. */
export function partyName(party: Party): string {
  return party.kind === 'person' ? `${party.firstName} ${party.lastName}` : party.name;
}

/** A stable identity for a party (licence or NEQ), used to count per-customer limits. */
export function partyKey(party: Party): string {
  return party.kind === 'person' ? `DL:${party.driverLicence}` : `NEQ:${party.neq}`;
}
