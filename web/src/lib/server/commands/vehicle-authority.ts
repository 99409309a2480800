import {
  CommandRejection,
  vehicleMismatchError,
  vehicleMismatches,
  vehicleTypes,
  type Vehicle,
} from '@comptoir/shared';
import type { Tx } from '../db/engine.js';
import { findRegistryVehicleDetails } from '../registry/vehicles.repo.js';

/**
 * Refuses a command whose vehicle contradicts what the registry knows of its VIN
 * (`vehicle_mismatch`, every differing field named with the registry's value): when the
 * registry knows a VIN, its make, model, year, type and mass are authoritative, so that a
 * registry Honda Civic 2023 is never issued a transit as a "Ferrari F40 1990". A VIN the
 * registry does not know is taken as declared. `pathPrefix` names the vehicle in the command
 * (`payload.vehicle`, `request.vehicle`).
 */
export async function rejectVehicleMismatch(
  tx: Tx,
  vehicle: Vehicle,
  pathPrefix: string,
): Promise<void> {
  const known = await findRegistryVehicleDetails(tx, vehicle.vin);
  if (!known) return;
  const mismatches = vehicleMismatches(vehicle, {
    make: known.make,
    model: known.model,
    year: known.year,
    // A registry type this version does not know compares as 'other', as the look-up shows it.
    type: vehicleTypes.find((type) => type === known.type) ?? 'other',
    netMassKg: known.netMassKg,
  });
  if (mismatches.length > 0) {
    throw new CommandRejection(vehicleMismatchError(pathPrefix, mismatches));
  }
}
