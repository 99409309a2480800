import { TZDate } from '@date-fns/tz';
import { ONLINE_REGISTRATION_MAX_MASS_KG, TIME_ZONE } from './constants.js';
import type { VehicleCategory, VehicleType } from '../schemas/vehicle.schema.js';

/** The vehicle facts eligibility rules read. */
export interface EligibilityVehicle {
  type: VehicleType;
  netMassKg: number;
  category?: VehicleCategory | undefined;
}

/** Types an accredited dealer may register online; others go to a service point with the ATAC. */
export const onlineRegistrationTypes: readonly VehicleType[] = ['automobile', 'light_truck', 'suv'];

/** Vehicle types that never get a transit certificate. */
export const transitForbiddenTypes: readonly VehicleType[] = ['atv', 'snowmobile'];

/**
 * Categories that never get a transit certificate: total losses (irrécupérable), severely
 * damaged, off the road without an inspection certificate, home-built.
 */
export const transitForbiddenCategories: readonly VehicleCategory[] = [
  'total_loss',
  'severely_damaged',
  'off_road_no_inspection',
  'home_built',
];

/**
 * Why a vehicle may not be registered online by an accredited dealer, or `null` when it may:
 * only automobiles, light trucks and SUVs, strictly under 4,000 kg, with a single owner
 * (co-owned vehicles need the ATAC and a service point). Checked in this order, so the
 * first reason given is the one a person can least change.
 */
export function onlineRegistrationRefusal(
  vehicle: EligibilityVehicle,
  owners: number,
): 'registration_vehicle_type' | 'registration_too_heavy' | 'registration_co_owned' | null {
  if (!onlineRegistrationTypes.includes(vehicle.type)) return 'registration_vehicle_type';
  if (vehicle.netMassKg >= ONLINE_REGISTRATION_MAX_MASS_KG) return 'registration_too_heavy';
  if (owners > 1) return 'registration_co_owned';
  return null;
}

/** Why a vehicle may not get a transit certificate, or `null` when it may. */
export function transitRefusal(vehicle: EligibilityVehicle): 'transit_forbidden_category' | null {
  if (transitForbiddenTypes.includes(vehicle.type)) return 'transit_forbidden_category';
  if (vehicle.category !== undefined && transitForbiddenCategories.includes(vehicle.category)) {
    return 'transit_forbidden_category';
  }
  return null;
}

/**
 * Where each refusal of {@link onlineRegistrationRefusal} points in a registration request,
 * so the kiosk can show the reason next to the field that causes it.
 */
export const onlineRegistrationRefusalPaths = {
  registration_vehicle_type: 'vehicle.type',
  registration_too_heavy: 'vehicle.netMassKg',
  registration_co_owned: 'buyers',
} as const;

/**
 * The last moment a confirmed registration may be cancelled by the dealer: 23:00 local time
 * (America/Montreal) on the day it was confirmed (docs/domain.md#transaction-lifecycle). Set on
 * the local clock, so a DST change that day moves the instant, never the local hour.
 */
export function cancellationDeadline(confirmedAt: Date): Date {
  const local = new TZDate(confirmedAt, TIME_ZONE);
  local.setHours(23, 0, 0, 0);
  return new Date(local.getTime());
}
