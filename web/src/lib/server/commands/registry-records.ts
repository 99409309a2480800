import { formatDocumentNumber, localDate, type Vehicle } from '@comptoir/shared';
import type { CommandContext } from './command-context.js';

/*
 * What registrations and inventory records share: their transaction numbers, the employee's
 * electronic signature and the vehicle as their papers print them. Their registry owner
 * changes are registry/vehicles.repo.ts's `transferOwnership`.
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
