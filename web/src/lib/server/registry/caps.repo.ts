import type { CapKind } from '@comptoir/shared';
import { sql } from 'kysely';
import type { Tx } from '../db/engine.js';
import type { CapRequestTable } from '../db/staff.tables.js';

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

/** A dealer's request to go over a weekly cap, and the staff's decision once made. */
export interface CapRequestRecord {
  /** The kiosk's id for the request (UUIDv7): it makes the request idempotent. */
  id: string;
  licence: string;
  /** 'transit' | 'provisional_plate' (shared `capKinds`). */
  kind: string;
  extraUnits: number;
  reason: string;
  /** 'pending' | 'approved' | 'refused' (shared `capRequestStatuses`). */
  status: string;
  requestedBy: string;
  /** ISO instant. */
  requestedAt: string;
  decidedBy: string | null;
  /** ISO instant. */
  decidedAt: string | null;
  decisionReason: string | null;
  /** ISO instant: approved units count until then (shared `capGrantExpiry`). */
  grantedUntil: string | null;
}

function capRequestRecordOf(row: CapRequestTable): CapRequestRecord {
  return {
    id: row.id,
    licence: row.licence,
    kind: row.kind,
    extraUnits: row.extra_units,
    reason: row.reason,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    grantedUntil: row.granted_until,
  };
}

/** An over-cap request by id, or undefined. */
export async function findCapRequest(tx: Tx, id: string): Promise<CapRequestRecord | undefined> {
  const row = await tx
    .selectFrom('cap_requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && capRequestRecordOf(row);
}

/**
 * An over-cap request the caller knows exists (it read it earlier in the same transaction,
 * and requests are never deleted): a missing row throws.
 */
export async function getCapRequest(tx: Tx, id: string): Promise<CapRequestRecord> {
  const row = await tx
    .selectFrom('cap_requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return capRequestRecordOf(row);
}

/** The licence an over-cap request was made under, or undefined when the id is unknown. */
export async function findCapRequestLicence(tx: Tx, id: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom('cap_requests')
    .select('licence')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.licence;
}

/**
 * True when the licence has a pending request for this kind. Only meaningful under the
 * licence's lock: one pending request per licence and kind is checked, not constrained.
 */
export async function hasPendingCapRequest(
  tx: Tx,
  licence: string,
  kind: string,
): Promise<boolean> {
  const row = await tx
    .selectFrom('cap_requests')
    .select('id')
    .where('licence', '=', licence)
    .where('kind', '=', kind)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row !== undefined;
}

/** Stores a new over-cap request. */
export async function insertCapRequest(tx: Tx, request: CapRequestRecord): Promise<void> {
  await tx
    .insertInto('cap_requests')
    .values({
      id: request.id,
      licence: request.licence,
      kind: request.kind,
      extra_units: request.extraUnits,
      reason: request.reason,
      status: request.status,
      requested_by: request.requestedBy,
      requested_at: request.requestedAt,
      decided_by: request.decidedBy,
      decided_at: request.decidedAt,
      decision_reason: request.decisionReason,
      granted_until: request.grantedUntil,
    })
    .execute();
}

/** A licence's over-cap requests, newest first: the last 100 (what its administrators see). */
export async function capRequestsOfLicence(tx: Tx, licence: string): Promise<CapRequestRecord[]> {
  const rows = await tx
    .selectFrom('cap_requests')
    .selectAll()
    .where('licence', '=', licence)
    .orderBy('requested_at', 'desc')
    .limit(100)
    .execute();
  return rows.map(capRequestRecordOf);
}

/** Which over-cap requests the staff's queue lists. */
export interface CapRequestQueueFilter {
  /** 'pending' | 'approved' | 'refused'. */
  status: string;
  /** Only this licence's requests, when set. */
  licence?: string | undefined;
}

/** The staff's queue: requests of one status, oldest first (ties by id), at most 200. */
export async function capRequestQueue(
  tx: Tx,
  filter: CapRequestQueueFilter,
): Promise<CapRequestRecord[]> {
  let select = tx.selectFrom('cap_requests').selectAll().where('status', '=', filter.status);
  if (filter.licence) select = select.where('licence', '=', filter.licence);
  const rows = await select.orderBy('requested_at').orderBy('id').limit(200).execute();
  return rows.map(capRequestRecordOf);
}

/** A staff decision on an over-cap request. */
export type CapDecision = Pick<
  CapRequestRecord,
  'status' | 'decidedBy' | 'decidedAt' | 'decisionReason' | 'grantedUntil'
>;

/** Records the staff's decision on a request (the caller holds the licence's lock). */
export async function recordCapDecision(tx: Tx, id: string, decision: CapDecision): Promise<void> {
  await tx
    .updateTable('cap_requests')
    .set({
      status: decision.status,
      decided_by: decision.decidedBy,
      decided_at: decision.decidedAt,
      decision_reason: decision.decisionReason,
      granted_until: decision.grantedUntil,
    })
    .where('id', '=', id)
    .execute();
}
