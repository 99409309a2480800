import {
  partyKey,
  partyName,
  transitExpiry,
  transitLimitRefusal,
  transitRefusal,
  vehicleCategories,
  type Party,
} from '@comptoir/shared';
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Tx } from '../../db/engine.js';
import { capRefusalFor } from '../caps.js';
import { issueDocument } from '../issue-document.js';
import { reject, type AppliedResult, type CommandContext } from '../command-context.js';

function monthsBefore(now: Date, months: number): string {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString();
}

/**
 * What is known of this vehicle, in one round trip: its registry category, and its transits
 * since `since` to anyone and to this customer.
 */
async function vehicleRecord(tx: Tx, vin: string, customerKey: string, since: string) {
  const transits = (eb: ExpressionBuilder<Database, never>) =>
    eb
      .selectFrom('documents')
      .where('kind', '=', 'transit')
      .where('vin', '=', vin)
      .where('issued_at', '>=', since)
      .where('status', '!=', 'voided');
  const row = await tx
    .selectNoFrom((eb) => [
      eb.selectFrom('registry_vehicles').select('category').where('vin', '=', vin).as('category'),
      transits(eb)
        .select(sql<number>`count(*)`.as('n'))
        .as('vehicle'),
      transits(eb)
        .where('customer_key', '=', customerKey)
        .select(sql<number>`count(*)`.as('n'))
        .as('customer'),
    ])
    .executeTakeFirstOrThrow();
  return {
    registryCategory: vehicleCategories.find((category) => category === row.category),
    history: {
      vehicleCount12m: Number(row.vehicle),
      sameCustomerCount12m: Number(row.customer),
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
 * Issues a transit certificate (DOMAIN.md, Transit and Anti-fraud): refuses forbidden types
 * and categories (the registry's category counts too: a total loss cannot be declared
 * normal), at most 2 per customer per vehicle and 4 per vehicle over 12 months, and the
 * licence's 7-day cap (`effectiveCap`: staff cap or default, plus approved over-cap units);
 * validity from the server clock.
 */
export async function issueTransit(c: CommandContext<'transit.issue'>): Promise<AppliedResult> {
  const { tx, now, server, batch } = c;
  const { payload } = c.command;
  const { vehicle } = payload;

  const customerKey = partyKey(payload.holder);
  const yearAgo = monthsBefore(now, 12);
  const { registryCategory, history } = await vehicleRecord(tx, vehicle.vin, customerKey, yearAgo);
  if (transitRefusal(vehicle) ?? transitRefusal({ ...vehicle, category: registryCategory })) {
    reject('transit_forbidden_category', ['payload.vehicle']);
  }
  const limit = transitLimitRefusal(history);
  if (limit) reject(limit, ['payload.vehicle.vin']);

  const capped = await capRefusalFor(c, 'transit');
  if (capped) reject(capped);

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
    }),
  });
  return { documents: [issued] };
}
