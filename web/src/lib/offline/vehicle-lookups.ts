import { vehicleLookupSchema, type VehicleLookup } from '@comptoir/shared';
import type { ComptoirDb } from './db';

/** How many look-ups the kiosk keeps: a few days of a busy counter. */
export const KEPT_VEHICLE_LOOKUPS = 200;

/** Keeps a look-up's answer (replacing an older one of the VIN), dropping the oldest beyond the limit. */
export async function rememberVehicleLookup(
  db: ComptoirDb,
  answer: VehicleLookup,
  nowMs: number,
): Promise<void> {
  await db.vehicleLookups.put({ vin: answer.vin, answer, seenAt: nowMs });
  const count = await db.vehicleLookups.count();
  if (count > KEPT_VEHICLE_LOOKUPS) {
    const oldest = await db.vehicleLookups
      .orderBy('seenAt')
      .limit(count - KEPT_VEHICLE_LOOKUPS)
      .primaryKeys();
    await db.vehicleLookups.bulkDelete(oldest);
  }
}

/** The remembered answer for a VIN, or undefined (an unreadable row, from another version, too). */
export async function rememberedVehicleLookup(
  db: ComptoirDb,
  vin: string,
): Promise<VehicleLookup | undefined> {
  const row = await db.vehicleLookups.get(vin);
  const parsed = vehicleLookupSchema.safeParse(row?.answer);
  return parsed.success ? parsed.data : undefined;
}
