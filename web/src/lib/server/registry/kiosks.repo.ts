import type { Tx } from '../db/engine.js';
import type { KioskTable } from '../db/kiosks.tables.js';

/*
 * Kiosks enrolled by a dealer's administrators, with the hash of their device credential. The
 * dealer's kiosks serve all its licences; revoking one stops its credential at once.
 */

/** An enrolled kiosk as stored: its credential only as a hash. */
export interface KioskRecord {
  /** The UUIDv7 the kiosk made for itself and enrolled under. */
  id: string;
  dealerId: string;
  /** The licence the administrator enrolled it under. */
  licence: string;
  name: string;
  /** 'showroom' | 'delivery_bay' (shared `kioskLocations`). */
  location: string;
  /** sha256 hex of the credential's secret (`newKioskCredential`). */
  credentialHash: string;
  enrolledBy: string;
  /** ISO instant. */
  enrolledAt: string;
  /** ISO instant; null while the kiosk may work. */
  revokedAt: string | null;
}

function rowOf(kiosk: KioskRecord): Omit<KioskTable, 'id'> {
  return {
    dealer_id: kiosk.dealerId,
    licence: kiosk.licence,
    name: kiosk.name,
    location: kiosk.location,
    credential_hash: kiosk.credentialHash,
    enrolled_by: kiosk.enrolledBy,
    enrolled_at: kiosk.enrolledAt,
    revoked_at: kiosk.revokedAt,
  };
}

function kioskRecordOf(row: KioskTable): KioskRecord {
  return {
    id: row.id,
    dealerId: row.dealer_id,
    licence: row.licence,
    name: row.name,
    location: row.location,
    credentialHash: row.credential_hash,
    enrolledBy: row.enrolled_by,
    enrolledAt: row.enrolled_at,
    revokedAt: row.revoked_at,
  };
}

/** A kiosk by id (revoked or not, any dealer), or undefined when it was never enrolled. */
export async function findKiosk(tx: Tx, id: string): Promise<KioskRecord | undefined> {
  const row = await tx.selectFrom('kiosks').selectAll().where('id', '=', id).executeTakeFirst();
  return row && kioskRecordOf(row);
}

/** The dealer a kiosk is enrolled with, or undefined when it was never enrolled. */
export async function findKioskDealer(tx: Tx, id: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom('kiosks')
    .select(['dealer_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.dealer_id;
}

/** Enrols a kiosk for the first time. */
export async function insertKiosk(tx: Tx, kiosk: KioskRecord): Promise<void> {
  await tx
    .insertInto('kiosks')
    .values({ id: kiosk.id, ...rowOf(kiosk) })
    .execute();
}

/**
 * Enrols an enrolled kiosk again: every column is replaced (a new credential, a revoked kiosk
 * working again), so the old credential stops working at once.
 */
export async function replaceKiosk(tx: Tx, kiosk: KioskRecord): Promise<void> {
  await tx.updateTable('kiosks').set(rowOf(kiosk)).where('id', '=', kiosk.id).execute();
}

/** A dealer's kiosks, revoked ones included, in enrolment order (ties by id). */
export async function kiosksOfDealer(tx: Tx, dealerId: string): Promise<KioskRecord[]> {
  const rows = await tx
    .selectFrom('kiosks')
    .selectAll()
    .where('dealer_id', '=', dealerId)
    .orderBy('enrolled_at')
    .orderBy('id')
    .execute();
  return rows.map(kioskRecordOf);
}

/**
 * Revokes a kiosk at an instant, unless it is revoked already: a second revocation keeps the
 * first instant.
 */
export async function markKioskRevoked(tx: Tx, id: string, revokedAt: string): Promise<void> {
  await tx
    .updateTable('kiosks')
    .set({ revoked_at: revokedAt })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
