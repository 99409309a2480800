import type { CapKind } from '@comptoir/shared';
import { sql } from 'kysely';
import type { Tx } from '../db/engine.js';

/** Which approved over-cap requests a sum covers. */
export interface GrantFilter {
  licence: string;
  kind: CapKind;
  /** ISO instant: only requests granted until after it still count. */
  at: string;
}

/**
 * The extra units of a licence's approved over-cap requests still in force at an instant
 * (their `granted_until` after it); 0 when there are none.
 */
export async function grantedExtraUnits(tx: Tx, filter: GrantFilter): Promise<number> {
  const row = await tx
    .selectFrom('cap_requests')
    .select(sql<number | null>`sum(extra_units)`.as('units'))
    .where('licence', '=', filter.licence)
    .where('kind', '=', filter.kind)
    .where('status', '=', 'approved')
    .where('granted_until', '>', filter.at)
    .executeTakeFirstOrThrow();
  return Number(row.units ?? 0);
}
