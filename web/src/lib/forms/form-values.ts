import {
  QUEBEC,
  vehicleTypes,
  type ApiError,
  type Party,
  type Person,
  type Vehicle,
} from '@comptoir/shared';
import { z } from 'zod';

/**
 * A vehicle as typed: every field is text until the shared schema parses it. Form values
 * have schemas too because drafts come back from storage, written by an older version.
 */
export const vehicleValuesSchema = z.object({
  vin: z.string(),
  make: z.string(),
  model: z.string(),
  year: z.string(),
  type: z.enum(vehicleTypes),
  netMassKg: z.string(),
  condition: z.enum(['new', 'used']),
  odometerKm: z.string(),
  colour: z.string(),
});
/** A vehicle as typed. */
export type VehicleValues = z.infer<typeof vehicleValuesSchema>;

/** A person or business as typed. */
export const partyValuesSchema = z.object({
  kind: z.enum(['person', 'business']),
  firstName: z.string(),
  lastName: z.string(),
  /** What identifies a person: a driving licence (any jurisdiction) or, where none applies, a passport. */
  identityDocument: z.enum(['driver_licence', 'passport']).default('driver_licence'),
  driverLicence: z.string(),
  // Defaults: drafts kept by a version before jurisdictions were Québec licences.
  licenceJurisdiction: z.string().default(QUEBEC),
  passportCountry: z.string().default(''),
  passportNumber: z.string().default(''),
  name: z.string(),
  neq: z.string(),
  line1: z.string(),
  city: z.string(),
  province: z.string(),
  postalCode: z.string(),
  country: z.string(),
});
/** A person or business as typed. */
export type PartyValues = z.infer<typeof partyValuesSchema>;

/** An empty vehicle form. */
export function emptyVehicle(): VehicleValues {
  return {
    vin: '',
    make: '',
    model: '',
    year: '',
    type: 'automobile',
    netMassKg: '',
    condition: 'used',
    odometerKm: '',
    colour: '',
  };
}

/** An empty party form (a person in Québec). */
export function emptyParty(): PartyValues {
  return {
    kind: 'person',
    firstName: '',
    lastName: '',
    identityDocument: 'driver_licence',
    driverLicence: '',
    licenceJurisdiction: QUEBEC,
    passportCountry: '',
    passportNumber: '',
    name: '',
    neq: '',
    line1: '',
    city: '',
    province: 'QC',
    postalCode: '',
    country: 'CA',
  };
}

/**
 * Text to a number for the schema: blank stays undefined (so the schema says `required`),
 * anything else goes through `Number` (so the schema says what is wrong with it).
 */
export function toNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(/\s/g, '').replace(',', '.');
  return trimmed === '' ? undefined : Number(trimmed);
}

/** Dollars as typed (`12 345,67`) to integer cents; blank is 0. */
export function toCents(text: string): number | undefined {
  const value = toNumber(text);
  if (value === undefined) return 0;
  return Number.isFinite(value) ? Math.round(value * 100) : value;
}

/** Cents back to dollars for a form being corrected. */
export function fromCents(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** The vehicle payload the shared `vehicleSchema` parses. */
export function toVehicleInput(values: VehicleValues): Record<string, unknown> {
  return {
    vin: values.vin,
    make: values.make,
    model: values.model,
    year: toNumber(values.year),
    type: values.type,
    netMassKg: toNumber(values.netMassKg),
    condition: values.condition,
    odometerKm: toNumber(values.odometerKm),
    ...(values.colour.trim() ? { colour: values.colour } : {}),
  };
}

/** The party payload the shared `partySchema` parses. */
export function toPartyInput(values: PartyValues): Record<string, unknown> {
  const address = {
    line1: values.line1,
    city: values.city,
    province: values.province,
    postalCode: values.postalCode,
    country: values.country,
  };
  return values.kind === 'person'
    ? {
        kind: 'person',
        firstName: values.firstName,
        lastName: values.lastName,
        ...identityInput(values),
        address,
      }
    : { kind: 'business', name: values.name, neq: values.neq, address };
}

/**
 * A person's identity document as the schema takes it. A Québec licence is sent without its
 * jurisdiction: the shape every kiosk sent before non-residents, which the server reads as
 * Québec (docs/sync.md#people-and-their-identity-documents).
 */
function identityInput(values: PartyValues): Record<string, unknown> {
  if (values.identityDocument === 'passport') {
    return { passport: { country: values.passportCountry, number: values.passportNumber } };
  }
  return values.licenceJurisdiction === QUEBEC
    ? { driverLicence: values.driverLicence }
    : { driverLicence: values.driverLicence, licenceJurisdiction: values.licenceJurisdiction };
}

/** A parsed person's identity document back to form values. */
function identityValuesOf(person: Person): Partial<PartyValues> {
  if (person.passport !== undefined) {
    return {
      identityDocument: 'passport',
      passportCountry: person.passport.country,
      passportNumber: person.passport.number,
    };
  }
  return {
    identityDocument: 'driver_licence',
    driverLicence: person.driverLicence ?? '',
    licenceJurisdiction: person.licenceJurisdiction ?? QUEBEC,
  };
}

/** A parsed vehicle back to form values (correcting a refused command). */
export function vehicleValuesOf(vehicle: Vehicle): VehicleValues {
  return {
    vin: vehicle.vin,
    make: vehicle.make,
    model: vehicle.model,
    year: String(vehicle.year),
    type: vehicle.type,
    netMassKg: String(vehicle.netMassKg),
    condition: vehicle.condition,
    odometerKm: String(vehicle.odometerKm),
    colour: vehicle.colour ?? '',
  };
}

/** A parsed party back to form values. */
export function partyValuesOf(party: Party): PartyValues {
  const base = {
    ...emptyParty(),
    line1: party.address.line1,
    city: party.address.city,
    province: party.address.province,
    postalCode: party.address.postalCode,
    country: party.address.country,
  };
  return party.kind === 'person'
    ? {
        ...base,
        kind: 'person',
        firstName: party.firstName,
        lastName: party.lastName,
        ...identityValuesOf(party),
      }
    : { ...base, kind: 'business', name: party.name, neq: party.neq };
}

/**
 * Field messages by path (`vehicle.vin`, `buyers.0.address.city`). A server rejection names
 * paths inside the command (`payload.vehicle.vin`): the prefix is dropped so the same form
 * shows both.
 */
export function fieldMessages(
  error: ApiError | undefined,
): Map<string, { fr: string; en: string }> {
  const byPath = new Map<string, { fr: string; en: string }>();
  for (const field of error?.fields ?? []) {
    const path = field.path.replace(/^payload\./, '');
    if (!byPath.has(path)) byPath.set(path, field.message);
  }
  return byPath;
}
