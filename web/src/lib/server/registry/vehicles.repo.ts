import { newId, type Vehicle } from '@comptoir/shared';
import { z } from 'zod';
import type { Tx } from '../db/engine.js';

/*
 * What the registry knows of vehicles and people: a vehicle's declared type and mass, its
 * owners over time, who may not register a vehicle, and which enterprises (NEQ) exist. Registrations and inventory records
 * change the owners at once; a same-day cancellation undoes the change.
 */

/** A vehicle as the registry records it, when it knows it. */
export interface RegistryVehicleRecord {
  /** The registry's vehicle type (one of the shared `vehicleTypes` when the data is clean). */
  type: string;
  netMassKg: number;
}

/** The registry's type and mass of a vehicle, or undefined when the VIN is unknown to it. */
export async function findRegistryVehicle(
  tx: Tx,
  vin: string,
): Promise<RegistryVehicleRecord | undefined> {
  const row = await tx
    .selectFrom('registry_vehicles')
    .select(['type', 'net_mass_kg'])
    .where('vin', '=', vin)
    .executeTakeFirst();
  return row && { type: row.type, netMassKg: row.net_mass_kg };
}

/** True when the person of this driving licence may not register or transfer a vehicle. */
export async function isRegistrationBlocked(tx: Tx, driverLicence: string): Promise<boolean> {
  const row = await tx
    .selectFrom('registry_people')
    .select('driver_licence')
    .where('driver_licence', '=', driverLicence)
    .where('is_registration_blocked', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of these driving licences may not register or transfer a vehicle, in one query. */
export async function registrationBlockedAmong(
  tx: Tx,
  driverLicences: readonly string[],
): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('registry_people')
    .select('driver_licence')
    .where('driver_licence', 'in', driverLicences)
    .where('is_registration_blocked', '=', 1)
    .execute();
  return new Set(rows.map((row) => row.driver_licence));
}

/** What a transfer changed in the registry, kept with the registration to undo it. */
export const registryChangeSchema = z.object({
  ownershipId: z.string(),
  closedOwnershipIds: z.array(z.string()),
});
export type RegistryChange = z.infer<typeof registryChangeSchema>;

/** Parses a stored {@link RegistryChange} (our own JSON, written by a confirmation). */
export function parseRegistryChange(json: string): RegistryChange {
  const value: unknown = JSON.parse(json);
  return registryChangeSchema.parse(value);
}

/** The new owner of a vehicle as the registry records it. */
export interface NewOwner {
  name: string;
  driverLicence: string | null;
}

/**
 * Records a new owner of the vehicle in the registry from `today` (a local date): the vehicle
 * becomes known if it was not (what the registry already knows of it is kept), and its open
 * ownerships end that day.
 */
export async function transferOwnership(
  tx: Tx,
  vehicle: Vehicle,
  owner: NewOwner,
  today: string,
): Promise<RegistryChange> {
  await tx
    .insertInto('registry_vehicles')
    .values({
      vin: vehicle.vin,
      make: vehicle.make,
      model: vehicle.model,
      year: vehicle.year,
      type: vehicle.type,
      net_mass_kg: vehicle.netMassKg,
      category: vehicle.category ?? 'normal',
      colour: vehicle.colour ?? null,
    })
    .onConflict((oc) => oc.column('vin').doNothing())
    .execute();
  const open = await tx
    .selectFrom('vehicle_ownerships')
    .select('id')
    .where('vin', '=', vehicle.vin)
    .where('to_date', 'is', null)
    .execute();
  const closedOwnershipIds = open.map((row) => row.id);
  if (closedOwnershipIds.length > 0) {
    await tx
      .updateTable('vehicle_ownerships')
      .set({ to_date: today })
      .where('id', 'in', closedOwnershipIds)
      .execute();
  }
  const ownershipId = newId();
  await tx
    .insertInto('vehicle_ownerships')
    .values({
      id: ownershipId,
      vin: vehicle.vin,
      owner_name: owner.name,
      owner_driver_licence: owner.driverLicence,
      from_date: today,
      to_date: null,
    })
    .execute();
  return { ownershipId, closedOwnershipIds };
}

/** Undoes {@link transferOwnership} (a same-day cancellation): earlier owners are open again. */
export async function undoOwnershipTransfer(tx: Tx, change: RegistryChange): Promise<void> {
  await tx.deleteFrom('vehicle_ownerships').where('id', '=', change.ownershipId).execute();
  if (change.closedOwnershipIds.length > 0) {
    await tx
      .updateTable('vehicle_ownerships')
      .set({ to_date: null })
      .where('id', 'in', change.closedOwnershipIds)
      .execute();
  }
}

/** A vehicle as the registry describes it (what an ownership history shows of it). */
export interface RegistryVehicleDetails extends RegistryVehicleRecord {
  vin: string;
  make: string;
  model: string;
  year: number;
  /** One of the shared `vehicleCategories` when the data is clean ('normal', 'total_loss'...). */
  category: string;
  colour: string | null;
}

/** Everything the registry records of a vehicle, or undefined when the VIN is unknown to it. */
export async function findRegistryVehicleDetails(
  tx: Tx,
  vin: string,
): Promise<RegistryVehicleDetails | undefined> {
  const row = await tx
    .selectFrom('registry_vehicles')
    .selectAll()
    .where('vin', '=', vin)
    .executeTakeFirst();
  return (
    row && {
      vin: row.vin,
      make: row.make,
      model: row.model,
      year: row.year,
      type: row.type,
      netMassKg: row.net_mass_kg,
      category: row.category,
      colour: row.colour,
    }
  );
}

/** One owner's period, without the owner: names and licences never leave the registry. */
export interface OwnershipPeriodRecord {
  /** Local date (YYYY-MM-DD). */
  fromDate: string;
  /** Local date; null while the ownership is open. */
  toDate: string | null;
}

/** The periods of every ownership of a vehicle, oldest first. */
export async function ownershipPeriodsOf(tx: Tx, vin: string): Promise<OwnershipPeriodRecord[]> {
  const rows = await tx
    .selectFrom('vehicle_ownerships')
    .select(['from_date', 'to_date'])
    .where('vin', '=', vin)
    .orderBy('from_date')
    .execute();
  return rows.map((row) => ({ fromDate: row.from_date, toDate: row.to_date }));
}

/** What the registry tells of a person by driving licence: never their name or birth date. */
export interface RegistryPersonStatus {
  /** 'valid' | 'suspended' | 'expired' when the data is clean. */
  licenceStatus: string;
  /** Not allowed to register a vehicle (unpaid fines, docs/domain.md#online-registration-eligibility). */
  isRegistrationBlocked: boolean;
}

/** The driving licence's status and right to register, or undefined when it is unknown. */
export async function findRegistryPerson(
  tx: Tx,
  driverLicence: string,
): Promise<RegistryPersonStatus | undefined> {
  const row = await tx
    .selectFrom('registry_people')
    .select(['licence_status', 'is_registration_blocked'])
    .where('driver_licence', '=', driverLicence)
    .executeTakeFirst();
  return (
    row && {
      licenceStatus: row.licence_status,
      // Anything but an explicit 0 blocks: a right to register is never assumed.
      isRegistrationBlocked: row.is_registration_blocked !== 0,
    }
  );
}

/** True when the enterprise registry knows this NEQ. */
export async function isKnownEnterprise(tx: Tx, neq: string): Promise<boolean> {
  const row = await tx
    .selectFrom('enterprises')
    .select('neq')
    .where('neq', '=', neq)
    .executeTakeFirst();
  return row !== undefined;
}
