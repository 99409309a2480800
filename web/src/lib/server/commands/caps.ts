import { capRefusal, defaultTransitCap, type CapKind } from '@comptoir/shared';
import { grantedExtraUnits } from '../registry/caps.repo.js';
import type { CommandContext } from './command-context.js';

/** What a cap needs from a command: its transaction, clock, licence and batch memory. */
export type CapContext = Pick<CommandContext, 'tx' | 'now' | 'licence' | 'batch'>;

const DAY_MS = 24 * 3600 * 1000;

function monthsBefore(now: Date, months: number): string {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString();
}

/** The start of the rolling 7 days a cap counts over. */
export function capWindowStart(now: Date): string {
  return new Date(now.getTime() - 7 * DAY_MS).toISOString();
}

/**
 * Extra units of approved over-cap requests still in force (granted until after `now`), read
 * once per batch: requests are decided by staff outside any push, so a batch cannot change them.
 */
async function grantedUnits(c: CapContext, kind: CapKind): Promise<number> {
  const { tx, now, licence, batch } = c;
  return batch.once(`capGrants:${licence.number}:${kind}`, () =>
    grantedExtraUnits(tx, { licence: licence.number, kind, at: now.toISOString() }),
  );
}

/**
 * The licence's weekly cap on one kind of temporary document
 * (docs/domain.md#anti-fraud-limits-and-caps): the cap staff set, or else the default from its
 * sales history (`defaultTransitCap`: ATACs of the last 12 months), plus the units of approved
 * over-cap requests in force (7 days from their approval, shared `CAP_GRANT_DAYS`).
 */
export async function effectiveCap(c: CapContext, kind: CapKind): Promise<number> {
  const { tx, now, licence, batch } = c;
  const staffCap = kind === 'transit' ? licence.transitCap : licence.plateCap;
  // Counted once per licence per batch, then kept current in memory as the batch issues.
  const base =
    staffCap ??
    defaultTransitCap({
      annualSales: await batch.countDocuments(tx, {
        kind: 'atac',
        since: monthsBefore(now, 12),
        licence: licence.number,
      }),
    });
  return base + (await grantedUnits(c, kind));
}

/**
 * Why one more temporary document of `kind` is refused under the licence's cap, or null:
 * what it issued in the last 7 days (voided documents excluded) against {@link effectiveCap}.
 */
export async function capRefusalFor(
  c: CapContext,
  kind: CapKind,
): Promise<'transit_cap_reached' | null> {
  const cap = await effectiveCap(c, kind);
  const issued = await c.batch.countDocuments(c.tx, {
    kind,
    since: capWindowStart(c.now),
    licence: c.licence.number,
  });
  return capRefusal(issued, cap);
}
