import { formatDocumentNumber, localDate, newId, type Vehicle } from '@comptoir/shared';
import { z } from 'zod';
import type { Tx } from '../db/engine.js';
import type { CommandContext } from './command-context.js';

/*
 * What registrations and inventory records share: their transaction numbers, the employee's
 * electronic signature and the vehicle as their papers print them, and the registry's owner
 * changes (made at once, undone by a same-day cancellation).
 */

/** Any command context, for helpers that do not read the payload. */
export type AnyCommandContext = Omit<CommandContext, 'command'> & { command: { id: string } };

/** Draws a transaction number (`R-2026-000001`) from a server number series. */
export async function drawTransactionNumber(c: AnyCommandContext, series: string): Promise<string> {
  const value = await c.batch.nextNumber(series);
  const year = c.batch.once('year', () => localDate(c.now).slice(0, 4));
  return formatDocumentNumber(series, year, value);
}

/** The confirming employee's electronic signature printed on proofs: name, account, time. */
export function employeeSignature(c: AnyCommandContext) {
  return { accountId: c.actor.id, name: c.actor.displayName, signedAt: c.now.toISOString() };
}

/** The vehicle as every registration paper prints it. */
export function printedVehicle(vehicle: Vehicle) {
  return {
    vin: vehicle.vin,
    make: vehicle.make,
    model: vehicle.model,
    year: vehicle.year,
    type: vehicle.type,
    netMassKg: vehicle.netMassKg,
    ...(vehicle.colour !== undefined && { colour: vehicle.colour }),
  };
}

/** What a transfer changed in the registry, kept to undo it on cancellation. */
export const registryChangeSchema = z.object({
  ownershipId: z.string(),
  closedOwnershipIds: z.array(z.string()),
});
export type RegistryChange = z.infer<typeof registryChangeSchema>;

/**
 * Records a new owner of the vehicle in the registry, from today (local): the vehicle becomes
 * known if it was not, and its open ownerships end today.
 */
export async function transferOwnership(
  c: AnyCommandContext,
  vehicle: Vehicle,
  owner: { name: string; driverLicence: string | null },
): Promise<RegistryChange> {
  const { tx, now } = c;
  const today = localDate(now);
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

/** Undoes {@link transferOwnership} (a same-day cancellation). */
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
