import { vehicleTypes, type VehicleLookup } from '@comptoir/shared';
import { emptyVehicle, type VehicleValues } from './form-values';

/** The typed fields the registry is the authority on. */
const registryFields = ['make', 'model', 'year', 'type', 'netMassKg'] as const;
type RegistryField = (typeof registryFields)[number];

/** A field the person typed differently from the registry, with the registry's value. */
export interface VehicleConflict {
  field: RegistryField;
  registryValue: string;
}

/** The vehicle form after a look-up, and what the person typed against the registry. */
export interface Autofill {
  values: VehicleValues;
  conflicts: VehicleConflict[];
}

const same = (a: string, b: string) =>
  a.trim().replace(/\s+/g, ' ').toLocaleUpperCase('fr-CA') ===
  b.trim().replace(/\s+/g, ' ').toLocaleUpperCase('fr-CA');

/**
 * Fills the vehicle form from a look-up: a field still empty (or the type still at its
 * default) takes the registry's value, or else what the VIN says (model year; the make when
 * its manufacturer code names one make). A field typed differently from the registry is left
 * as typed and listed as a conflict, for the person to take the registry's values: the server
 * would refuse it (`vehicle_mismatch`). What the VIN alone says never overrides anything.
 */
export function autofillVehicle(values: VehicleValues, lookup: VehicleLookup): Autofill {
  const next = { ...values };
  const untouched = emptyVehicle();
  const registry = lookup.vehicle;
  if (!registry) {
    const [onlyMake, ...others] = lookup.decoded.makes;
    if (next.make === '' && onlyMake !== undefined && others.length === 0) next.make = onlyMake;
    if (next.year === '' && lookup.decoded.modelYear !== null) {
      next.year = String(lookup.decoded.modelYear);
    }
    return { values: next, conflicts: [] };
  }
  const registryValues: Record<RegistryField, string> = {
    make: registry.make,
    model: registry.model,
    year: String(registry.year),
    type: registry.type,
    netMassKg: String(registry.netMassKg),
  };
  const conflicts: VehicleConflict[] = [];
  for (const field of registryFields) {
    const typed = next[field];
    const registryValue = registryValues[field];
    if (typed === '' || typed === untouched[field]) {
      setField(next, field, registryValue);
    } else if (!same(typed, registryValue)) {
      conflicts.push({ field, registryValue });
    }
  }
  if (next.colour === '' && registry.colour !== null) next.colour = registry.colour;
  return { values: next, conflicts };
}

/** The form with every conflict resolved to the registry's value. */
export function takeRegistryValues(
  values: VehicleValues,
  conflicts: VehicleConflict[],
): VehicleValues {
  const next = { ...values };
  for (const { field, registryValue } of conflicts) setField(next, field, registryValue);
  return next;
}

function setField(values: VehicleValues, field: RegistryField, value: string): void {
  if (field === 'type') {
    values.type = vehicleTypes.find((type) => type === value) ?? values.type;
  } else {
    values[field] = value;
  }
}
