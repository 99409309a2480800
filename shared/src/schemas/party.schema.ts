import { z } from 'zod';
import { codedIssue } from '../errors.js';
import {
  QUEBEC,
  isCountry,
  isLicenceJurisdiction,
  licenceFormatOf,
  normalizeDocumentNumber,
  type LicenceJurisdiction,
} from '../domain/jurisdictions.js';
import { jurisdictionName } from '../domain/jurisdiction-names.js';
import { addressSchema } from './address.schema.js';
import { isoDateSchema, neqSchema, textSchema } from './primitives.schema.js';

/**
 * A licence or passport number as typed: spaces and dashes removed, upper case, letters and
 * digits only. Its format for the jurisdiction is checked on the person (it needs both fields).
 */
const documentNumberTypedSchema = z
  .string()
  .overwrite(normalizeDocumentNumber)
  .refine((value) => /^[A-Z0-9]{1,20}$/.test(value), codedIssue('invalid_document_number'));

/** Where a licence was issued: `CA-ON`, `US-NY`, or a country's ISO code for elsewhere (`FR`). */
export const licenceJurisdictionSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isLicenceJurisdiction, codedIssue('invalid_jurisdiction'));

/** A passport: the identity document of a person to whom no driving licence applies. */
export const passportSchema = z
  .object({
    country: z.string().trim().toUpperCase().refine(isCountry, codedIssue('invalid_country')),
    number: documentNumberTypedSchema.refine(
      (value) => /^[A-Z0-9]{6,12}$/.test(value),
      codedIssue('invalid_passport_number'),
    ),
  })
  .strict();
/** A passport (parsed). */
export type Passport = z.infer<typeof passportSchema>;

/**
 * A person: buyer, co-owner, holder or seller, identified by a driving licence of any
 * jurisdiction (`licenceJurisdiction`, absent = Québec: the only shape kiosks sent before
 * non-residents, still accepted as is so that a queued command replays with the same
 * fingerprint) or, where no licence applies, by a passport. Exactly one of the two.
 */
export const personSchema = z
  .object({
    kind: z.literal('person'),
    firstName: textSchema(60),
    lastName: textSchema(60),
    driverLicence: documentNumberTypedSchema.optional(),
    licenceJurisdiction: licenceJurisdictionSchema.optional(),
    passport: passportSchema.optional(),
    dateOfBirth: isoDateSchema.optional(),
    address: addressSchema,
  })
  .strict()
  .superRefine((person, ctx) => {
    const hasLicence = person.driverLicence !== undefined;
    if (hasLicence === (person.passport !== undefined)) {
      ctx.addIssue(codedIssue('identity_document_one', ['driverLicence']));
      return;
    }
    if (!hasLicence && person.licenceJurisdiction !== undefined) {
      ctx.addIssue(codedIssue('unknown_field', ['licenceJurisdiction']));
    }
    const jurisdiction = person.licenceJurisdiction ?? QUEBEC;
    if (person.driverLicence === undefined || !isLicenceJurisdiction(jurisdiction)) return;
    const format = licenceFormatOf(jurisdiction);
    if (format.pattern.test(person.driverLicence)) return;
    const name = jurisdictionName(jurisdiction);
    ctx.addIssue({
      ...codedIssue('invalid_driver_licence', ['driverLicence']),
      params: {
        code: 'invalid_driver_licence',
        message: {
          fr: `Numéro de permis invalide (${name.fr}) : ${format.text.fr}.`,
          en: `Invalid licence number (${name.en}): ${format.text.en}.`,
        },
      },
    });
  });
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

/** A person's identity document, whichever shape the command used. */
export type PersonIdentity =
  | { type: 'driver_licence'; jurisdiction: LicenceJurisdiction; number: string }
  | { type: 'passport'; country: string; number: string };

/** The identity document of a parsed person (a licence without jurisdiction is Québec's). */
export function personIdentity(person: Person): PersonIdentity {
  if (person.passport !== undefined && person.driverLicence === undefined) {
    return { type: 'passport', ...person.passport };
  }
  const jurisdiction = person.licenceJurisdiction ?? QUEBEC;
  return {
    type: 'driver_licence',
    jurisdiction: isLicenceJurisdiction(jurisdiction) ? jurisdiction : QUEBEC,
    // The schema requires a licence or a passport: a parsed person has one of the two.
    number: person.driverLicence ?? '',
  };
}

/** The person's Québec driving-licence number, or undefined when they hold no Québec licence. */
export function quebecLicenceOf(person: Person): string | undefined {
  const identity = personIdentity(person);
  return identity.type === 'driver_licence' && identity.jurisdiction === QUEBEC
    ? identity.number
    : undefined;
}

/**
 * A stable identity for a party, used to count per-customer limits: the licence WITH its
 * jurisdiction (an Ontario and a Québec licence with the same digits are two people), the
 * passport with its country, or the NEQ. Keys stored before jurisdictions (`DL:<number>`)
 * were rewritten by migration 0014.
 *
 * @example partyKey(quebecPerson) // 'DL:CA-QC:T123456789012'
 */
export function partyKey(party: Party): string {
  if (party.kind === 'business') return `NEQ:${party.neq}`;
  const identity = personIdentity(party);
  return identity.type === 'driver_licence'
    ? `DL:${identity.jurisdiction}:${identity.number}`
    : `PP:${identity.country}:${identity.number}`;
}
