import {
  historyFlagsOf,
  licenceQuerySchema,
  localDate,
  ownershipPeriod,
  vehicleCategories,
  vehicleTypes,
  vinPathSchema,
  type OwnershipHistory,
} from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import { fail } from '../http/responses.js';
import { requireLicenceAction } from '../http/authorize.js';
import { parseRequest } from '../http/request-input.js';
import { findRegistryVehicleDetails, ownershipPeriodsOf } from '../registry/vehicles.repo.js';

/**
 * `GET /api/history/[vin]?licence=` (accredited employees): what the registry knows of a
 * vehicle (make, model, year, type, mass, category), how many owners it had and for how long,
 * and the flags its category raises (total loss, severely damaged...). Owners' names and
 * licence numbers never leave the registry. Every lookup is audited; an unknown VIN is 404
 * `vehicle_unknown`.
 */
export async function ownershipHistory(
  server: ServerContext,
  actor: SessionAccount,
  rawVin: string,
  query: Record<string, string>,
): Promise<OwnershipHistory> {
  const route = 'history.view';
  const { licence } = await parseRequest(server, actor, route, licenceQuerySchema, query);
  await requireLicenceAction(server, actor, licence, 'history.view', { route });
  const { vin } = await parseRequest(server, actor, route, vinPathSchema, { vin: rawVin });
  const { db } = server.storage;
  const vehicle = await findRegistryVehicleDetails(db, vin);
  const ownerships = vehicle ? await ownershipPeriodsOf(db, vin) : [];
  const now = server.clock();
  await server.storage.writeTransaction((tx) =>
    appendAudit(tx, now, {
      event: 'history.viewed',
      actor: actor.id,
      licence,
      subject: vin,
      detail: { found: vehicle !== undefined },
    }),
  );
  if (!vehicle) fail(404, 'vehicle_unknown');
  const category = vehicleCategories.find((known) => known === vehicle.category) ?? 'normal';
  const today = localDate(now);
  return {
    vin,
    vehicle: {
      make: vehicle.make,
      model: vehicle.model,
      year: vehicle.year,
      type: vehicleTypes.find((known) => known === vehicle.type) ?? 'other',
      netMassKg: vehicle.netMassKg,
      category,
      colour: vehicle.colour,
    },
    ownerCount: ownerships.length,
    ownerships: ownerships.map((row) => ownershipPeriod(row.fromDate, row.toDate, today)),
    flags: historyFlagsOf(category),
  };
}
