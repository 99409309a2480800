import {
  documentSearchKeys,
  documentStatusSchema,
  isExpired,
  issuedDocumentSchema,
  type DocumentEnvelope,
  type DocumentStatus,
  type IssuedDocument,
} from '@comptoir/shared';
import { sql } from 'kysely';
import type { Tx } from '../db/engine.js';
import type { DocumentTable } from '../db/schema.js';
import { bumpRevocationSequence } from './revocations.repo.js';

/** Which documents a window count covers. */
export interface DocumentCountFilter {
  kind: string;
  licence: string;
  /** ISO instant: documents issued at or after it. */
  since: string;
}

/** Non-voided documents of a licence and kind issued since an instant. */
export async function countDocumentsSince(tx: Tx, filter: DocumentCountFilter): Promise<number> {
  const row = await tx
    .selectFrom('documents')
    .select(sql<number>`count(*)`.as('n'))
    .where('licence', '=', filter.licence)
    .where('kind', '=', filter.kind)
    .where('issued_at', '>=', filter.since)
    .where('status', '!=', 'voided')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A document row as issued: valid, never printed, its signatures still to be stored. */
export interface NewDocumentRow {
  number: string;
  kind: string;
  licence: string;
  vin: string;
  customerKey: string | null;
  issuedAt: string;
  expiresAt: string | null;
  document: IssuedDocument;
  commandId: string;
  changeSeq: number;
}

/** What the registry knows of a vehicle for a transit: its category and its recent transits. */
export interface VehicleTransitRecord {
  /** The registry's category of the vehicle (`null` when the registry does not know it). */
  category: string | null;
  /** Non-voided transits of the vehicle since the instant asked, to anyone. */
  vehicleCount: number;
  /** The same, per customer key. */
  countByCustomer: ReadonlyMap<string, number>;
}

/**
 * What is known of these vehicles, in two queries for a whole batch: their registry category,
 * and their non-voided transits since `since`, per customer.
 */
export async function vehicleTransitRecords(
  tx: Tx,
  vins: readonly string[],
  since: string,
): Promise<Map<string, VehicleTransitRecord>> {
  const unique = [...new Set(vins)];
  const records = new Map<string, VehicleTransitRecord & { countByCustomer: Map<string, number> }>(
    unique.map((vin) => [vin, { category: null, vehicleCount: 0, countByCustomer: new Map() }]),
  );
  if (unique.length === 0) return records;
  const categories = await tx
    .selectFrom('registry_vehicles')
    .select(['vin', 'category'])
    .where('vin', 'in', unique)
    .execute();
  for (const row of categories) {
    const record = records.get(row.vin);
    if (record) record.category = row.category;
  }
  const transits = await tx
    .selectFrom('documents')
    .select(['vin', 'customer_key', sql<number>`count(*)`.as('n')])
    .where('kind', '=', 'transit')
    .where('vin', 'in', unique)
    .where('issued_at', '>=', since)
    .where('status', '!=', 'voided')
    .groupBy(['vin', 'customer_key'])
    .execute();
  for (const row of transits) {
    const record = records.get(row.vin);
    if (!record) continue;
    const count = Number(row.n);
    record.vehicleCount += count;
    if (row.customer_key !== null) {
      record.countByCustomer.set(
        row.customer_key,
        (record.countByCustomer.get(row.customer_key) ?? 0) + count,
      );
    }
  }
  return records;
}

/** A document's signatures, as stored with it. */
export interface DocumentSignatures {
  number: string;
  jws: string;
  qrToken: string;
}

/** Rows per INSERT: 18 values each, well under both engines' limits on bound parameters. */
const INSERT_CHUNK = 100;

/**
 * Inserts a batch's issued documents, whole (signatures included), in multi-row statements:
 * one round trip per hundred documents instead of two per document.
 */
export async function insertDocuments(
  tx: Tx,
  rows: readonly (NewDocumentRow & Omit<DocumentSignatures, 'number'>)[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK).map((row) => ({
      row,
      keys: documentSearchKeys(row.document),
    }));
    await tx
      .insertInto('documents')
      .values(
        chunk.map(({ row, keys }) => ({
          number: row.number,
          kind: row.kind,
          licence: row.licence,
          vin: row.vin,
          customer_key: row.customerKey,
          issued_at: row.issuedAt,
          expires_at: row.expiresAt,
          status: 'valid',
          document_json: JSON.stringify(row.document),
          jws: row.jws,
          qr_token: row.qrToken,
          print_count: 0,
          command_id: row.commandId,
          change_seq: row.changeSeq,
          vin_last6: keys.vinLast6,
          plate: keys.plate,
          name_folded: keys.nameFolded,
        })),
      )
      .execute();
    const words = chunk.flatMap(({ row, keys }) =>
      keys.nameWords.map((word) => ({ licence: row.licence, word, number: row.number })),
    );
    if (words.length > 0) await tx.insertInto('document_name_words').values(words).execute();
  }
}

/** A document's status now: voided wins, then expiry from the server clock. */
export function statusOf(
  row: Pick<DocumentTable, 'status' | 'expires_at'>,
  now: Date,
): DocumentStatus {
  if (row.status === 'voided') return 'voided';
  if (isExpired(row.expires_at ? new Date(row.expires_at) : undefined, now)) return 'expired';
  return documentStatusSchema.parse(row.status);
}

/** Parses a stored document (tolerant schema: it is our own signed content). */
export function parseStoredDocument(json: string): IssuedDocument {
  const value: unknown = JSON.parse(json);
  return issuedDocumentSchema.parse(value);
}

/** The envelope the kiosk and the print flow read. */
export function envelopeOf(row: DocumentTable, now: Date): DocumentEnvelope {
  return {
    document: parseStoredDocument(row.document_json),
    jws: row.jws,
    qrToken: row.qr_token,
    status: statusOf(row, now),
    printCount: row.print_count,
  };
}

/**
 * The numbers of the documents of these kinds that a command issued and that are not voided
 * yet, in number order (the order a cancellation voids and lists them in).
 */
export async function unvoidedDocumentsOf(
  tx: Tx,
  commandId: string,
  kinds: readonly string[],
): Promise<string[]> {
  const rows = await tx
    .selectFrom('documents')
    .select('number')
    .where('command_id', '=', commandId)
    .where('kind', 'in', kinds)
    .where('status', '!=', 'voided')
    .orderBy('number')
    .execute();
  return rows.map((row) => row.number);
}

/**
 * Voids a document with its new change counter, so kiosks pull its new status, and moves its
 * dealer's revocation feed counter in the same transaction, so print agents learn of the void
 * (every void goes through here: cancellation, staff void).
 */
export async function voidDocument(tx: Tx, number: string, changeSeq: number): Promise<void> {
  await tx
    .updateTable('documents')
    .set({ status: 'voided', change_seq: changeSeq })
    .where('number', '=', number)
    .execute();
  await bumpRevocationSequence(tx, number);
}

/** A document of this licence by number, or undefined (another licence's document included). */
export async function findLicenceDocument(
  tx: Tx,
  licence: string,
  number: string,
): Promise<PrintedDocument | undefined> {
  const row = await tx
    .selectFrom('documents')
    .select(['number', 'kind', 'print_count'])
    .where('number', '=', number)
    .where('licence', '=', licence)
    .executeTakeFirst();
  return row && { number: row.number, kind: row.kind, printCount: row.print_count };
}

/** Writes a document's print count with its new change counter, so kiosks pull the change. */
export async function updatePrintCount(
  tx: Tx,
  number: string,
  printCount: number,
  changeSeq: number,
): Promise<void> {
  await tx
    .updateTable('documents')
    .set({ print_count: printCount, change_seq: changeSeq })
    .where('number', '=', number)
    .execute();
}

/** A document as a print outcome checks and counts it. */
export interface PrintedDocument {
  number: string;
  kind: string;
  printCount: number;
}

/*
 * Reads of the read endpoints and the pull. They answer stored rows whole: `envelopeOf`,
 * `statusOf` and `parseStoredDocument` above turn them into what the kiosk reads.
 */

/** A document by its exact number (any licence), as stored, or undefined. */
export async function findDocument(tx: Tx, number: string): Promise<DocumentTable | undefined> {
  return tx.selectFrom('documents').selectAll().where('number', '=', number).executeTakeFirst();
}

/** Which documents a listing covers: one licence, one kind, issued in `[from, to)`. */
export interface IssuedWindow {
  licence: string;
  kind: string;
  /** ISO instant, included. */
  from: string;
  /** ISO instant, excluded. */
  to: string;
}

/** A licence's documents of one kind issued in a window, newest first, at most 1,000. */
export async function documentsIssuedIn(tx: Tx, window: IssuedWindow): Promise<DocumentTable[]> {
  return tx
    .selectFrom('documents')
    .selectAll()
    .where('licence', '=', window.licence)
    .where('kind', '=', window.kind)
    .where('issued_at', '>=', window.from)
    .where('issued_at', '<', window.to)
    .orderBy('issued_at', 'desc')
    .limit(1000)
    .execute();
}

/** Every document these commands issued (voided ones included), in no particular order. */
export async function documentsOfCommands(
  tx: Tx,
  commandIds: readonly string[],
): Promise<DocumentTable[]> {
  return tx.selectFrom('documents').selectAll().where('command_id', 'in', commandIds).execute();
}

/**
 * A licence's documents whose change counter is past `since`, in counter order, at most
 * `limit` (a pull asks one more than its page, to tell whether more follow).
 */
export async function documentChangesSince(
  tx: Tx,
  licence: string,
  since: number,
  limit: number,
): Promise<DocumentTable[]> {
  return tx
    .selectFrom('documents')
    .selectAll()
    .where('licence', '=', licence)
    .where('change_seq', '>', since)
    .orderBy('change_seq')
    .limit(limit)
    .execute();
}

/** Why, when and by whom a document was voided by the staff. */
export interface DocumentVoidRecord {
  documentNumber: string;
  reason: string;
  voidedBy: string;
  /** ISO instant. */
  voidedAt: string;
}

/** The staff's void of a document, or undefined when the staff never voided it. */
export async function findDocumentVoid(
  tx: Tx,
  documentNumber: string,
): Promise<DocumentVoidRecord | undefined> {
  const row = await tx
    .selectFrom('document_voids')
    .selectAll()
    .where('document_number', '=', documentNumber)
    .executeTakeFirst();
  return (
    row && {
      documentNumber: row.document_number,
      reason: row.reason,
      voidedBy: row.voided_by,
      voidedAt: row.voided_at,
    }
  );
}

/** Records the staff's void of a document (its status is set by `voidDocument`). */
export async function insertDocumentVoid(tx: Tx, record: DocumentVoidRecord): Promise<void> {
  await tx
    .insertInto('document_voids')
    .values({
      document_number: record.documentNumber,
      reason: record.reason,
      voided_by: record.voidedBy,
      voided_at: record.voidedAt,
    })
    .execute();
}
