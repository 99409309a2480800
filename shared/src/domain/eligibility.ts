import { ONLINE_REGISTRATION_MAX_MASS_KG } from './constants.js';
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
