import type { VehicleCategory } from '../schemas/vehicle.schema.js';

/** One ownership of a vehicle as the history shows it: years only, never the owner. */
export interface OwnershipPeriod {
  fromYear: number;
  /** Null while the ownership lasts. */
  toYear: number | null;
  /** Length in years, one decimal (up to `today` while it lasts). */
  years: number;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * An ownership from its registry dates (`YYYY-MM-DD`, the end null while it lasts) to what a
 * dealer may see: the years it spans and its length. The owner's identity never leaves the
 * registry (the portal's "historique de propriété" shows the count of owners, not who).
 */
export function ownershipPeriod(from: string, to: string | null, today: string): OwnershipPeriod {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to ?? today}T00:00:00Z`);
  const years = Math.max(0, end - start) / (365.25 * DAY_MS);
  return {
    fromYear: Number(from.slice(0, 4)),
    toYear: to === null ? null : Number(to.slice(0, 4)),
    years: Math.round(years * 10) / 10,
  };
}

/** What a dealer is warned about in a vehicle's history. */
export const historyFlags = [
  'total_loss',
  'severely_damaged',
  'off_road_no_inspection',
  'home_built',
] as const;
/** A history flag. */
export type HistoryFlag = (typeof historyFlags)[number];

/** The flags the registry's category of a vehicle raises (none for a normal vehicle). */
export function historyFlagsOf(category: VehicleCategory | undefined): HistoryFlag[] {
  return historyFlags.filter((flag) => flag === category);
}
