import {
  canOnLicence,
  historyFlagsOf,
  issuabilityOf,
  licenceQuerySchema,
  localDate,
  modelYearOfVin,
  vehicleCategories,
  vehicleIssuance,
  vehicleTypes,
  vinPathSchema,
  type RegistryVehicle,
  type VehicleLookup,
} from '@comptoir/shared';
import { makesOfVin } from '@comptoir/shared/wmi';
import { appendAudit } from '../audit.js';
import type { SessionAccount } from '../accounts/session.service.js';
import { BatchState } from '../commands/batch-state.js';
import { capRefusalFor } from '../commands/caps.js';
import type { ServerContext } from '../context.js';
import type { Tx } from '../db/engine.js';
import { requireLicenceAction, refuse } from '../http/authorize.js';
import { createFloodGuard, type FloodGuard } from '../http/flood-guard.js';
import { parseRequest } from '../http/request-input.js';
import { vehicleTransitRecords } from '../registry/documents.repo.js';
import { findLicence, type LicenceRecord } from '../registry/licences.repo.js';
import { findRegistryVehicleDetails, ownershipPeriodsOf } from '../registry/vehicles.repo.js';

/**
 * Look-ups per account per minute. A person types one VIN per sale and the kiosk looks each
 * one up once; 60 a minute is far above any counter and far below what walking the registry
 * VIN by VIN would need.
 */
export const VEHICLE_LOOKUPS_PER_MINUTE = 60;

// Per process, like the flood guard it reuses: a bound on cost, not the audit (which is).
const guards = new WeakMap<ServerContext, FloodGuard>();

function guardOf(server: ServerContext): FloodGuard {
  let guard = guards.get(server);
  if (!guard) {
    guard = createFloodGuard({ limit: VEHICLE_LOOKUPS_PER_MINUTE, windowMs: 60_000 });
    guards.set(server, guard);
  }
  return guard;
}

function monthsBefore(now: Date, months: number): string {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString();
}

/** Whether the licence's weekly cap on `kind` is reached now (the commands' own rule). */
async function isCapReached(
  server: ServerContext,
  db: Tx,
  now: Date,
  licence: LicenceRecord,
  kind: 'transit' | 'provisional_plate',
): Promise<boolean> {
  const batch = new BatchState(server.storage, db, now);
  return (await capRefusalFor({ tx: db, now, licence, batch }, kind)) !== null;
}

/**
 * `GET /api/vehicles/[vin]?licence=` (every dealer role): what the registry knows of a VIN
 * (make, model, year, type, net mass, category, colour, co-owned or not), what the VIN itself
 * says (model year, makes of its manufacturer code), and what may be issued for it now under
 * the licence, each with its reason when not (the shared `vehicleIssuance` rules the commands
 * apply). Never a name or an address. Throttled per account (429
 * `vehicle_lookup_rate_limited`, audited) and every look-up audited (`vehicle.looked_up`),
 * as the ownership history is: a VIN tells who is shopping for what.
 */
export async function lookUpVehicle(
  server: ServerContext,
  actor: SessionAccount,
  rawVin: string,
  query: Record<string, string>,
): Promise<VehicleLookup> {
  const route = 'vehicle.lookup';
  const { licence } = await parseRequest(server, actor, route, licenceQuerySchema, query);
  await requireLicenceAction(server, actor, licence, 'vehicle.lookup', { route });
  const now = server.clock();
  if (!guardOf(server).admit(actor.id, now.getTime())) {
    await refuse(server, actor, 429, 'vehicle_lookup_rate_limited', { route }, { licence });
  }
  const { vin } = await parseRequest(server, actor, route, vinPathSchema, { vin: rawVin });
  const { db } = server.storage;
  const [details, licenceRecord] = await Promise.all([
    findRegistryVehicleDetails(db, vin),
    findLicence(db, licence),
  ]);
  const owners = details ? await ownershipPeriodsOf(db, vin) : [];
  const transits = await vehicleTransitRecords(db, [vin], monthsBefore(now, 12));
  const may = {
    transit: canOnLicence(actor.licences, licence, 'transit.issue'),
    registration: canOnLicence(actor.licences, licence, 'vehicle.register'),
    atac: canOnLicence(actor.licences, licence, 'atac.create'),
  };
  const vehicle: RegistryVehicle | null = details
    ? {
        make: details.make,
        model: details.model,
        year: details.year,
        type: vehicleTypes.find((known) => known === details.type) ?? 'other',
        netMassKg: details.netMassKg,
        category: vehicleCategories.find((known) => known === details.category) ?? 'normal',
        colour: details.colour,
        isCoOwned: owners.filter((owner) => owner.toDate === null).length > 1,
      }
    : null;
  const issuance = vehicleIssuance({
    vehicle,
    transitsLast12Months: transits.get(vin)?.vehicleCount ?? 0,
    isTransitCapReached:
      licenceRecord !== undefined &&
      may.transit &&
      (await isCapReached(server, db, now, licenceRecord, 'transit')),
    isPlateCapReached:
      licenceRecord !== undefined &&
      may.registration &&
      (await isCapReached(server, db, now, licenceRecord, 'provisional_plate')),
    isLicenceSuspended: licenceRecord?.isSuspended ?? false,
    may,
  });
  await server.storage.writeTransaction((tx) =>
    appendAudit(tx, now, {
      event: 'vehicle.looked_up',
      actor: actor.id,
      licence,
      subject: vin,
      detail: { found: vehicle !== null },
    }),
  );
  return {
    vin,
    vehicle,
    decoded: {
      modelYear: modelYearOfVin(vin, Number(localDate(now).slice(0, 4))),
      makes: makesOfVin(vin),
    },
    flags: historyFlagsOf(vehicle?.category),
    issuable: {
      transit: issuabilityOf(issuance.transit),
      registration: issuabilityOf(issuance.registration),
      atac: issuabilityOf(issuance.atac),
    },
  };
}
