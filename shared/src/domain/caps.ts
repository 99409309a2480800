/** At most this many transits per customer for the same vehicle within 12 months. */
export const TRANSIT_MAX_PER_CUSTOMER_VEHICLE = 2;
/** At most this many transits per vehicle, all customers together, within 12 months. */
export const TRANSIT_MAX_PER_VEHICLE = 4;
/** The window over which transit limits are counted. */
export const TRANSIT_LIMIT_WINDOW_MONTHS = 12;

/** Transits already issued in the last 12 months, counted by the server before it issues one more. */
export interface TransitHistory {
  /** Transits for this vehicle to this same customer. */
  sameCustomerCount12m: number;
  /** Transits for this vehicle to anyone. */
  vehicleCount12m: number;
}

/**
 * Why one more transit for this vehicle (and customer) is refused, or `null`: at most 2 per
 * customer per vehicle and 4 per vehicle over 12 months (Florida's per-sale limits; the
 * 12-month window is ours). The per-customer limit is told first: it is the more specific.
 */
export function transitLimitRefusal(
  history: TransitHistory,
): 'transit_limit_customer' | 'transit_limit_vehicle' | null {
  if (history.sameCustomerCount12m >= TRANSIT_MAX_PER_CUSTOMER_VEHICLE)
    return 'transit_limit_customer';
  if (history.vehicleCount12m >= TRANSIT_MAX_PER_VEHICLE) return 'transit_limit_vehicle';
  return null;
}

/** A licence's sales history, the basis of its default cap. */
export interface SalesHistory {
  /** Vehicles sold or leased in the last 12 months. */
  annualSales: number;
}

/** The floor of the weekly cap, so that a new or small dealer can still work. */
export const TEMPORARY_DOCUMENT_CAP_FLOOR = 30;

/**
 * The default per-licence cap on temporary documents (transits and provisional plates)
 * issued per rolling 7 days: `max(30, ceil(annualSales / 52))`, Texas's rule for
 * "internet-down" temporary tags. Chosen because it tracks a dealer's real weekly volume
 * (a dealer cannot need more temporary papers than it sells vehicles) while the floor of 30
 * never blocks a small dealer; more needs staff approval, and staff may set another cap.
 */
export function defaultTransitCap(history: SalesHistory): number {
  const weeklySales = Math.ceil(Math.max(0, history.annualSales) / 52);
  return Math.max(TEMPORARY_DOCUMENT_CAP_FLOOR, weeklySales);
}

/**
 * Why one more temporary document is refused under a cap, or `null`: `issuedLast7Days` already
 * issued under the licence, `approvedOverCap` extra documents approved by staff.
 */
export function capRefusal(
  issuedLast7Days: number,
  cap: number,
  approvedOverCap = 0,
): 'transit_cap_reached' | null {
  return issuedLast7Days >= cap + approvedOverCap ? 'transit_cap_reached' : null;
}

/**
 * The temporary documents a licence's weekly cap applies to
 * (docs/domain.md#anti-fraud-limits-and-caps).
 */
export const capKinds = ['transit', 'provisional_plate'] as const;
/** A capped kind of temporary document. */
export type CapKind = (typeof capKinds)[number];

/**
 * How long the extra units of an approved over-cap request stay in force, counted from the
 * approval: the same rolling 7 days the cap itself counts over, so that a grant covers one
 * busy week and then lapses on its own instead of raising the cap for good (staff set a new
 * cap for that).
 */
export const CAP_GRANT_DAYS = 7;

/** The instant until which units approved at `approvedAt` count (see {@link CAP_GRANT_DAYS}). */
export function capGrantExpiry(approvedAt: Date): Date {
  return new Date(approvedAt.getTime() + CAP_GRANT_DAYS * 24 * 3600 * 1000);
}
