import {
  type AppliedResult,
  type Party,
  partyKey,
  partyName,
  reject,
  transitExpiry,
  transitLimitRefusal,
  transitRefusal,
  vehicleCategories,
} from '@comptoir/shared';
import { vehicleTransitRecords } from '../../registry/documents.repo.js';
import { followedAtacNumber } from '../atac/follows-atac.js';
import { capRefusalFor } from '../caps.js';
import { issueDocument } from '../issue-document.js';
import { rejectVehicleMismatch } from '../vehicle-authority.js';
import type { CommandContext } from '../command-context.js';

function monthsBefore(now: Date, months: number): string {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString();
}

/**
 * The registry's category of the vehicle and its transits over the last 12 months: the
 * committed ones (read once for every transit of the batch, whose vehicles the batch has
 * locked), and those this batch issued before this command.
 */
async function vehicleRecord(c: CommandContext<'transit.issue'>, vin: string, customerKey: string) {
  const since = monthsBefore(c.now, 12);
  const committed = await c.batch.once(`transitRecords:${since}`, () =>
    vehicleTransitRecords(
      c.tx,
      c.batch.commands.flatMap((command) =>
        command.type === 'transit.issue' ? [command.payload.vehicle.vin] : [],
      ),
      since,
    ),
  );
  const known = committed.get(vin);
  const inBatch = c.batch.issuedInBatch(
    (row) => row.kind === 'transit' && row.vin === vin && row.issuedAt >= since,
  );
  return {
    registryCategory: vehicleCategories.find((category) => category === known?.category),
    history: {
      vehicleCount12m: (known?.vehicleCount ?? 0) + inBatch.length,
      sameCustomerCount12m:
        (known?.countByCustomer.get(customerKey) ?? 0) +
        inBatch.filter((row) => row.customerKey === customerKey).length,
    },
  };
}

/** The party as the transit paper shows it. */
function printedHolder(holder: Party) {
  return holder.kind === 'person'
    ? { name: partyName(holder), driverLicence: holder.driverLicence, address: holder.address }
    : { name: partyName(holder), neq: holder.neq, address: holder.address };
}

/**
 * Issues a transit certificate (docs/domain.md#transit-certificates and #anti-fraud-limits-and-caps): refuses forbidden types
 * and categories (the registry's category counts too: a total loss cannot be declared
 * normal), at most 2 per customer per vehicle and 4 per vehicle over 12 months, and the
 * licence's 7-day cap (`effectiveCap`: staff cap or default, plus approved over-cap units);
 * validity from the server clock.
 */
export async function issueTransit(c: CommandContext<'transit.issue'>): Promise<AppliedResult> {
  const { now, server, batch } = c;
  const { payload } = c.command;
  const { vehicle } = payload;

  await rejectVehicleMismatch(c.tx, vehicle, 'payload.vehicle');
  const customerKey = partyKey(payload.holder);
  const { registryCategory, history } = await vehicleRecord(c, vehicle.vin, customerKey);
  if (transitRefusal(vehicle) ?? transitRefusal({ ...vehicle, category: registryCategory })) {
    reject('transit_forbidden_category', ['payload.vehicle']);
  }
  const limit = transitLimitRefusal(history);
  if (limit) reject(limit, ['payload.vehicle.vin']);

  // An offline paper's transit was counted against the cap when its lease reserved it.
  const capped = c.offline ? null : await capRefusalFor(c, 'transit');
  if (capped) reject(capped);
  const atacNumber = await followedAtacNumber(c, {
    commandId: c.command.id,
    link: payload.followsAtac,
    vin: vehicle.vin,
  });

  // The race test holds a request here, between the checks and the insert.
  await server.faults.at('transit.between_check_and_insert');

  const expiresAt = batch.once(`transitExpiry:${String(payload.days)}`, () =>
    transitExpiry(now, payload.days),
  );
  const issued = await issueDocument(c, {
    kind: 'transit',
    vin: vehicle.vin,
    customerKey,
    expiresAt,
    build: (common) => ({
      ...common,
      kind: 'transit',
      expiresAt: expiresAt.toISOString(),
      vehicle: {
        vin: vehicle.vin,
        make: vehicle.make,
        model: vehicle.model,
        year: vehicle.year,
        type: vehicle.type,
        ...(vehicle.colour !== undefined && { colour: vehicle.colour }),
      },
      days: payload.days,
      reason: payload.reason,
      ...(payload.reasonText !== undefined && { reasonText: payload.reasonText }),
      holder: printedHolder(payload.holder),
      ...(atacNumber !== undefined && { atacNumber }),
    }),
  });
  return { documents: [issued] };
}
