import {
  offlineBlockSchema,
  parseDocumentNumber,
  type OfflineBlock,
  type OfflineKind,
} from '@comptoir/shared';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../db/engine.js';
import type { OfflineLeaseTable } from '../db/offline-leases.tables.js';

/*
 * SQL of offline issuance (docs/sync.md#offline-issuance-leases-the-chain-reconcile): the
 * offline number counters, the leases and the offline papers received.
 */

/** A lease as stored. */
export interface LeaseRecord {
  id: string;
  kioskId: string;
  dealerId: string;
  licence: string;
  keyThumbprint: string;
  issuedAt: string;
  expiresAt: string;
  blocks: OfflineBlock[];
  transitCap: number;
  atacCap: number;
  jws: string;
  retiredAt: string | null;
  retiredUsed: Partial<Record<OfflineKind, number>>;
  revokedAt: string | null;
  revokedBy: string | null;
  revokedReason: string | null;
}

const blocksSchema = z.array(offlineBlockSchema);

function leaseRecordOf(row: OfflineLeaseTable): LeaseRecord {
  return {
    id: row.id,
    kioskId: row.kiosk_id,
    dealerId: row.dealer_id,
    licence: row.licence,
    keyThumbprint: row.key_thumbprint,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    blocks: blocksSchema.parse(JSON.parse(row.blocks_json)),
    transitCap: Number(row.transit_cap),
    atacCap: Number(row.atac_cap),
    jws: row.jws,
    retiredAt: row.retired_at,
    retiredUsed: {
      ...(row.retired_transit_used !== null && { transit: Number(row.retired_transit_used) }),
      ...(row.retired_atac_used !== null && { atac: Number(row.retired_atac_used) }),
    },
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    revokedReason: row.revoked_reason,
  };
}

/**
 * Draws `count` consecutive offline numbers of a series and year: one atomic upsert-increment
 * of the counter row inside the caller's transaction, as plates are drawn. On SQLite the
 * transaction holds the single write lock; on PostgreSQL the upsert locks the row until the
 * commit, so concurrent leases queue on it and each gets its own contiguous block.
 * Returns the first and last values drawn.
 */
export async function drawOfflineBlock(
  tx: Tx,
  series: string,
  year: string,
  count: number,
): Promise<{ first: number; last: number }> {
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`an offline block needs a positive count, not ${String(count)}`);
  }
  const row = await tx
    .insertInto('offline_number_counters')
    .values({ series, year, last_value: count })
    .onConflict((oc) =>
      oc
        .columns(['series', 'year'])
        .doUpdateSet({ last_value: sql`offline_number_counters.last_value + ${count}` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  const last = Number(row.last_value);
  // Six digits on paper: a series that runs out is a configuration problem, never a reuse.
  if (last > 999_999) throw new Error(`offline series ${series}-${year} is exhausted`);
  return { first: last - count + 1, last };
}

/** Stores a lease the server just signed. */
export async function insertLease(tx: Tx, lease: LeaseRecord): Promise<void> {
  await tx
    .insertInto('offline_leases')
    .values({
      id: lease.id,
      kiosk_id: lease.kioskId,
      dealer_id: lease.dealerId,
      licence: lease.licence,
      key_thumbprint: lease.keyThumbprint,
      issued_at: lease.issuedAt,
      expires_at: lease.expiresAt,
      blocks_json: JSON.stringify(lease.blocks),
      transit_cap: lease.transitCap,
      atac_cap: lease.atacCap,
      jws: lease.jws,
      retired_at: null,
      retired_transit_used: null,
      retired_atac_used: null,
      revoked_at: null,
      revoked_by: null,
      revoked_reason: null,
    })
    .execute();
  await tx
    .insertInto('offline_blocks')
    .values(
      lease.blocks.map((block) => ({
        series: block.series,
        year: block.year,
        first_value: block.first,
        last_value: block.last,
        lease_id: lease.id,
      })),
    )
    .execute();
}

/** The lease whose block holds this offline number, or undefined (not an offline number, or never leased). */
export async function findLeaseOfNumber(tx: Tx, number: string): Promise<LeaseRecord | undefined> {
  const parts = parseDocumentNumber(number);
  if (parts === null) return undefined;
  const block = await tx
    .selectFrom('offline_blocks')
    .select('lease_id')
    .where('series', '=', parts.series)
    .where('year', '=', parts.year)
    .where('first_value', '<=', parts.value)
    .where('last_value', '>=', parts.value)
    .executeTakeFirst();
  return block && findLease(tx, block.lease_id);
}

/** A lease by id, or undefined. */
export async function findLease(tx: Tx, id: string): Promise<LeaseRecord | undefined> {
  const row = await tx
    .selectFrom('offline_leases')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && leaseRecordOf(row);
}

/** A dealer's leases, newest first (at most `limit`). */
export async function leasesOfDealer(
  tx: Tx,
  dealerId: string,
  limit = 200,
): Promise<LeaseRecord[]> {
  const rows = await tx
    .selectFrom('offline_leases')
    .selectAll()
    .where('dealer_id', '=', dealerId)
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(leaseRecordOf);
}

/** A licence's leases that have not ended at `now` (retired and revoked ones included). */
export async function unexpiredLeasesOfLicence(
  tx: Tx,
  licence: string,
  now: string,
): Promise<LeaseRecord[]> {
  const rows = await tx
    .selectFrom('offline_leases')
    .selectAll()
    .where('licence', '=', licence)
    .where('expires_at', '>', now)
    .execute();
  return rows.map(leaseRecordOf);
}

/** The kiosk renewed: papers of this lease issued from now on are flagged. */
export async function retireLease(
  tx: Tx,
  id: string,
  at: string,
  used: Partial<Record<OfflineKind, number>>,
): Promise<void> {
  await tx
    .updateTable('offline_leases')
    .set({
      retired_at: at,
      retired_transit_used: used.transit ?? 0,
      retired_atac_used: used.atac ?? 0,
    })
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .execute();
}

/** Revokes a lease (idempotent: a revoked lease keeps its first revocation). */
export async function markLeaseRevoked(
  tx: Tx,
  id: string,
  revocation: { at: string; by: string; reason: string | null },
): Promise<void> {
  await tx
    .updateTable('offline_leases')
    .set({
      revoked_at: revocation.at,
      revoked_by: revocation.by,
      revoked_reason: revocation.reason,
    })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The ids of a licence's leases not yet ended nor revoked (a suspension revokes them). */
export async function openLeaseIdsOfLicence(
  tx: Tx,
  licence: string,
  now: string,
): Promise<string[]> {
  const rows = await tx
    .selectFrom('offline_leases')
    .select('id')
    .where('licence', '=', licence)
    .where('expires_at', '>', now)
    .where('revoked_at', 'is', null)
    .execute();
  return rows.map((row) => row.id);
}

/** A dealer's leases revoked before their end, ended at most a day before `endedAfter`. */
export async function revokedLeasesOfDealer(
  tx: Tx,
  dealerId: string,
  endedAfter: string,
  limit: number,
): Promise<{ leaseId: string; revokedAt: string; expiresAt: string }[]> {
  const rows = await tx
    .selectFrom('offline_leases')
    .select(['id', 'revoked_at', 'expires_at'])
    .where('dealer_id', '=', dealerId)
    .where('revoked_at', 'is not', null)
    .where('expires_at', '>', endedAfter)
    .orderBy('revoked_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    leaseId: row.id,
    revokedAt: new Date(row.revoked_at ?? row.expires_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
  }));
}

/**
 * Moves the dealer's revocation feed counter one step (a lease revoked): the feed the print
 * agents keep must change, as for a void.
 */
export async function bumpDealerRevocationSequence(tx: Tx, dealerId: string): Promise<void> {
  await tx
    .insertInto('revocation_sequences')
    .values({ dealer_id: dealerId, sequence: 1 })
    .onConflict((oc) =>
      oc
        .column('dealer_id')
        .doUpdateSet({ sequence: sql<number>`revocation_sequences.sequence + 1` }),
    )
    .execute();
}

/** How many offline papers of each kind the server received per lease. */
export async function receivedPapersByLease(
  tx: Tx,
  leaseIds: readonly string[],
): Promise<Map<string, Partial<Record<string, number>>>> {
  const counts = new Map<string, Partial<Record<string, number>>>();
  if (leaseIds.length === 0) return counts;
  const rows = await tx
    .selectFrom('offline_papers')
    .select(['lease_id', 'kind', sql<number>`count(*)`.as('n')])
    .where('lease_id', 'in', [...leaseIds])
    .groupBy(['lease_id', 'kind'])
    .execute();
  for (const row of rows) {
    const entry = counts.get(row.lease_id) ?? {};
    entry[row.kind] = Number(row.n);
    counts.set(row.lease_id, entry);
  }
  return counts;
}

/** An offline paper as received. */
export interface OfflinePaperRecord {
  number: string;
  leaseId: string;
  kind: string;
  commandId: string;
  contentHash: string;
  status: 'reconciled' | 'flagged';
  reason: string | null;
  receivedAt: string;
}

/** The offline paper received under a number, or undefined. */
export async function findOfflinePaper(
  tx: Tx,
  number: string,
): Promise<OfflinePaperRecord | undefined> {
  const row = await tx
    .selectFrom('offline_papers')
    .selectAll()
    .where('number', '=', number)
    .executeTakeFirst();
  return (
    row && {
      number: row.number,
      leaseId: row.lease_id,
      kind: row.kind,
      commandId: row.command_id,
      contentHash: row.content_hash,
      status: row.status === 'flagged' ? 'flagged' : 'reconciled',
      reason: row.reason,
      receivedAt: row.received_at,
    }
  );
}

/** Records an offline paper received (its number is the key: "a number only once"). */
export async function insertOfflinePaper(tx: Tx, paper: OfflinePaperRecord): Promise<void> {
  await tx
    .insertInto('offline_papers')
    .values({
      number: paper.number,
      lease_id: paper.leaseId,
      kind: paper.kind,
      command_id: paper.commandId,
      content_hash: paper.contentHash,
      status: paper.status,
      reason: paper.reason,
      received_at: paper.receivedAt,
    })
    .execute();
}
