import type { PlateOrderState } from './plate-supplier.schema.js';

/** After this many days without delivery, a plate is late (the supplier promises 10 to 20). */
export const PLATE_LATE_AFTER_DAYS = 20;
/** A provisional plate expiring within this many days with no metal plate delivered is late. */
export const PROVISIONAL_EXPIRY_WARNING_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

/** States in which the metal plate is still expected by the holder. */
const awaitedStates: ReadonlySet<PlateOrderState> = new Set([
  'ordered',
  'accepted',
  'refused',
  'made',
  'shipped',
  'returned',
]);

/** Why a plate counts as late (empty: not late). */
export type PlateLateReason =
  'not_delivered_20_days' | 'provisional_expiring' | 'returned_to_sender';

/**
 * Why the metal plate of a confirmation is late at `now`: not delivered 20 days after the
 * confirmation, or the provisional plate (45 days) expiring within 7 days with no delivery.
 * Delivered and cancelled plates are never late; refused and returned ones are, since the
 * holder still has no plate, and a returned one is late from the day it comes back.
 */
export function plateLateReasons(
  plate: { state: PlateOrderState; confirmedAt: Date; provisionalExpiresAt: Date },
  now: Date,
): PlateLateReason[] {
  if (!awaitedStates.has(plate.state)) return [];
  const reasons: PlateLateReason[] = [];
  // Back at the supplier (wrong or incomplete address, nobody to sign): the holder will not
  // get it without the dealer, so it is late at once, not only on day 20.
  if (plate.state === 'returned') reasons.push('returned_to_sender');
  if (now.getTime() - plate.confirmedAt.getTime() >= PLATE_LATE_AFTER_DAYS * DAY_MS) {
    reasons.push('not_delivered_20_days');
  }
  if (
    plate.provisionalExpiresAt.getTime() - now.getTime() <=
    PROVISIONAL_EXPIRY_WARNING_DAYS * DAY_MS
  ) {
    reasons.push('provisional_expiring');
  }
  return reasons;
}

/**
 * Which supplier event may move a plate from `state`: the journey only goes forward (a late
 * `made` after `shipped` changes nothing), `returned` follows `shipped`; a cancelled plate
 * stays cancelled unless the supplier says it was made (the cancellation came too late).
 */
export function nextPlateState(
  state: PlateOrderState,
  event: 'made' | 'shipped' | 'delivered' | 'returned',
): PlateOrderState | null {
  const rank: Partial<Record<PlateOrderState, number>> = {
    ordered: 0,
    accepted: 1,
    made: 2,
    shipped: 3,
    delivered: 4,
    returned: 4,
  };
  if (state === 'refused') return null;
  if (state === 'cancelled') return event === 'made' ? 'made' : null;
  const from = rank[state] ?? 0;
  const to = rank[event] ?? 0;
  return to > from ? event : null;
}
