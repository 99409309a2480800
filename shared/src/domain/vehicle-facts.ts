import type { BilingualText } from '../bilingual.js';
import { codeText } from '../documents/paper-text.js';
import { apiError, fieldError, type ApiError, type ErrorCode } from '../errors.js';
import type { Vehicle, VehicleCategory, VehicleType } from '../schemas/vehicle.schema.js';
import type { Issuability } from '../schemas/vehicle-lookup.schema.js';
import { TRANSIT_MAX_PER_VEHICLE } from './caps.js';
import { onlineRegistrationRefusal, transitRefusal } from './eligibility.js';

/*
 * What a VIN and the registry say of a vehicle before anything else is typed: its model year
 * read from the VIN, the fields the registry is the authority on, and what may be issued for
 * it now. The server answers `GET /api/vehicles/[vin]` and refuses contradicting commands with
 * these rules; the kiosk answers offline with the same ones.
 */

// Position 10 cycles through these 30 codes, one per model year, from 1980 (A) to 2009 (9),
// then again from 2010 (A) to 2039 (9).
const MODEL_YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';
const FIRST_CYCLE_YEAR = 1980;

/**
 * The model year a VIN's 10th character names: of the years the code can mean (every 30
 * years), the latest that is not after next year (a dealer sells next year's models from the
 * summer). Null when the code is not a model-year code. A vehicle over 30 years old reads 30
 * years too young: rare at a dealer, and the registry's year wins whenever it knows the VIN.
 *
 * @example modelYearOfVin('2HGFC2F55PH000101', 2026) // 2023
 */
export function modelYearOfVin(vin: string, currentYear: number): number | null {
  const index = MODEL_YEAR_CODES.indexOf(vin.charAt(9));
  if (index < 0 || vin.length < 10) return null;
  let year = FIRST_CYCLE_YEAR + index;
  while (year + 30 <= currentYear + 1) year += 30;
  return year;
}

/** The fields of a vehicle the registry is the authority on when it knows the VIN. */
export const authoritativeVehicleFields = ['make', 'model', 'year', 'type', 'netMassKg'] as const;
/** One of {@link authoritativeVehicleFields}. */
export type AuthoritativeVehicleField = (typeof authoritativeVehicleFields)[number];

/** The registry's values of the authoritative fields. */
export type RegistryVehicleFacts = Pick<Vehicle, AuthoritativeVehicleField>;

/** A declared field that contradicts the registry, with the registry's value. */
export interface VehicleMismatch {
  field: AuthoritativeVehicleField;
  registryValue: string | number;
}

// "HONDA", "honda " and "Honda" are one make; "Citroën" and "Citroen" too.
function comparable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s-]+/g, ' ')
    .trim()
    .toUpperCase();
}

/**
 * Every authoritative field where the declared vehicle contradicts the registry (text compared
 * without case, accents or repeated spaces), in the order of {@link authoritativeVehicleFields}.
 */
export function vehicleMismatches(
  declared: RegistryVehicleFacts,
  registry: RegistryVehicleFacts,
): VehicleMismatch[] {
  return authoritativeVehicleFields.flatMap((field) => {
    const mine = declared[field];
    const theirs = registry[field];
    const isSame =
      typeof mine === 'string' && typeof theirs === 'string'
        ? comparable(mine) === comparable(theirs)
        : mine === theirs;
    return isSame ? [] : [{ field, registryValue: theirs }];
  });
}

const fieldNames: Record<AuthoritativeVehicleField, BilingualText> = {
  make: { fr: 'marque', en: 'make' },
  model: { fr: 'modèle', en: 'model' },
  year: { fr: 'année', en: 'year' },
  type: { fr: 'type', en: 'type' },
  netMassKg: { fr: 'masse nette (kg)', en: 'net mass (kg)' },
};

function valueText(mismatch: VehicleMismatch): BilingualText {
  const value = String(mismatch.registryValue);
  return (mismatch.field === 'type' ? codeText(value) : undefined) ?? { fr: value, en: value };
}

/**
 * The `vehicle_mismatch` refusal: one field per contradiction (`<prefix>.make`...), each
 * message naming the registry's value, and the whole message listing them all, so that a
 * person reading only the top line still knows what the registry says.
 *
 * @example vehicleMismatchError('payload.vehicle', [{ field: 'make', registryValue: 'Honda' }])
 */
export function vehicleMismatchError(
  pathPrefix: string,
  mismatches: readonly VehicleMismatch[],
): ApiError {
  const code: ErrorCode = 'vehicle_mismatch';
  const fields = mismatches.map((mismatch) => {
    const value = valueText(mismatch);
    return fieldError(`${pathPrefix}.${mismatch.field}`, code, {
      fr: `Le registre indique : ${value.fr}.`,
      en: `The registry says: ${value.en}.`,
    });
  });
  const listed = (language: 'fr' | 'en') =>
    mismatches
      .map((mismatch) => `${fieldNames[mismatch.field][language]} ${valueText(mismatch)[language]}`)
      .join(', ');
  return {
    ...apiError(code, fields),
    message: {
      fr: `Le véhicule ne correspond pas au registre (${listed('fr')}) : prenez les valeurs du registre.`,
      en: `The vehicle does not match the registry (${listed('en')}): take the registry's values.`,
    },
  };
}

/** What may be issued for a vehicle: each kind, with the code of the reason when not. */
export interface VehicleIssuance {
  transit: ErrorCode | null;
  registration: ErrorCode | null;
  atac: ErrorCode | null;
}

/** What the issuance rules read of a vehicle and of the licence looking it up. */
export interface VehicleIssuanceFacts {
  /** The registry's (or the kiosk's remembered) vehicle; null when nothing is known of it. */
  vehicle: {
    type: VehicleType;
    netMassKg: number;
    category: VehicleCategory;
    /** More than one current owner. */
    isCoOwned: boolean;
  } | null;
  /** Non-voided transits of the vehicle over the last 12 months, every customer together. */
  transitsLast12Months: number;
  /** Whether the licence's weekly cap is reached, per capped kind. */
  isTransitCapReached: boolean;
  isPlateCapReached: boolean;
  /** A suspended licence issues nothing (it may still read). */
  isLicenceSuspended: boolean;
  /** Whether the person's role under the licence allows each service at all. */
  may: { transit: boolean; registration: boolean; atac: boolean };
}

/**
 * What may be issued for a vehicle now, each with the first reason when not: the same shared
 * rules the commands apply (transit types and categories, the per-vehicle limit, the weekly
 * caps, online registration's types, mass and single owner), so that the kiosk says beside the
 * VIN what the server would answer after the whole form. A registry co-owned vehicle is
 * refused online registration here ([product]: its transfer needs every co-owner at a service
 * point); the per-customer limit waits for the customer.
 */
export function vehicleIssuance(facts: VehicleIssuanceFacts): VehicleIssuance {
  const { vehicle } = facts;
  const licenceRefusal = (kind: keyof VehicleIssuance): ErrorCode | null => {
    if (!facts.may[kind]) return 'forbidden';
    return facts.isLicenceSuspended ? 'licence_suspended' : null;
  };
  const transit = (): ErrorCode | null => {
    const refused = licenceRefusal('transit');
    if (refused) return refused;
    if (vehicle && transitRefusal(vehicle)) return 'transit_forbidden_category';
    if (facts.transitsLast12Months >= TRANSIT_MAX_PER_VEHICLE) return 'transit_limit_vehicle';
    return facts.isTransitCapReached ? 'transit_cap_reached' : null;
  };
  const registration = (): ErrorCode | null => {
    const refused = licenceRefusal('registration');
    if (refused) return refused;
    const refusal = vehicle && onlineRegistrationRefusal(vehicle, vehicle.isCoOwned ? 2 : 1);
    if (refusal) return refusal;
    return facts.isPlateCapReached ? 'transit_cap_reached' : null;
  };
  return {
    transit: transit(),
    registration: registration(),
    atac: licenceRefusal('atac'),
  };
}

/**
 * One kind's answer as the look-up sends it: allowed, or the code with its catalogue message.
 *
 * @example issuabilityOf('transit_forbidden_category') // { allowed: false, code, message }
 */
export function issuabilityOf(code: ErrorCode | null): Issuability {
  return code === null
    ? { allowed: true }
    : { allowed: false, code, message: apiError(code).message };
}
