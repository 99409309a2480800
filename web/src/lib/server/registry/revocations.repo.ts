import { sql } from 'kysely';
import type { Tx } from '../db/engine.js';

/**
 * Moves the revocation feed counter of the dealer of this document's licence one step, in the
 * caller's transaction (the void's): the first void of a dealer makes its row. The upsert
 * locks the dealer's row on PostgreSQL, so two voids under two licences of one dealer take
 * turns and each commits a higher value than the one before it.
 */
export async function bumpRevocationSequence(tx: Tx, documentNumber: string): Promise<void> {
  const owner = await tx
    .selectFrom('documents')
    .innerJoin('licences', 'licences.number', 'documents.licence')
    .select('licences.dealer_id')
    .where('documents.number', '=', documentNumber)
    .executeTakeFirst();
  if (!owner) return;
  await tx
    .insertInto('revocation_sequences')
    .values({ dealer_id: owner.dealer_id, sequence: 1 })
    .onConflict((oc) =>
      oc
        .column('dealer_id')
        .doUpdateSet({ sequence: sql<number>`revocation_sequences.sequence + 1` }),
    )
    .execute();
}

/** The dealer's revocation feed counter, or undefined when the dealer never voided anything. */
export async function revocationSequenceOf(tx: Tx, dealerId: string): Promise<number | undefined> {
  const row = await tx
    .selectFrom('revocation_sequences')
    .select('sequence')
    .where('dealer_id', '=', dealerId)
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.sequence);
}

/** A voided document as the feed lists it. */
export interface VoidedDocumentRow {
  number: string;
  kind: string;
  expiresAt: string | null;
}

/**
 * The dealer's voided documents that still matter: those without expiry, and those expiring
 * after `expiringAfter` (an expired paper is refused for its expiry anyway); the latest issued
 * first, at most `limit`.
 */
export async function voidedDocumentsOfDealer(
  tx: Tx,
  dealerId: string,
  expiringAfter: string,
  limit: number,
): Promise<VoidedDocumentRow[]> {
  const rows = await tx
    .selectFrom('documents')
    .innerJoin('licences', 'licences.number', 'documents.licence')
    .select(['documents.number', 'documents.kind', 'documents.expires_at'])
    .where('licences.dealer_id', '=', dealerId)
    .where('documents.status', '=', 'voided')
    .where((eb) =>
      eb.or([
        eb('documents.expires_at', 'is', null),
        eb('documents.expires_at', '>', expiringAfter),
      ]),
    )
    .orderBy('documents.issued_at', 'desc')
    .orderBy('documents.number', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ number: row.number, kind: row.kind, expiresAt: row.expires_at }));
}

/** The dealer a licence belongs to, or undefined for an unknown licence. */
export async function dealerOfLicence(tx: Tx, licence: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom('licences')
    .select('dealer_id')
    .where('number', '=', licence)
    .executeTakeFirst();
  return row?.dealer_id;
}
