import {
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

/** Inserts an issued document (its signatures follow with {@link storeSignatures}). */
export async function insertDocument(tx: Tx, row: NewDocumentRow): Promise<void> {
  await tx
    .insertInto('documents')
    .values({
      number: row.number,
      kind: row.kind,
      licence: row.licence,
      vin: row.vin,
      customer_key: row.customerKey,
      issued_at: row.issuedAt,
      expires_at: row.expiresAt,
      status: 'valid',
      document_json: JSON.stringify(row.document),
      // Filled by storeSignatures() before the batch commits: never committed empty.
      jws: '',
      qr_token: '',
      print_count: 0,
      command_id: row.commandId,
      change_seq: row.changeSeq,
    })
    .execute();
}

/** A document's signatures, as stored with it. */
export interface DocumentSignatures {
  number: string;
  jws: string;
  qrToken: string;
}

/** Stores a batch's signatures, inside its transaction, before its commit. */
export async function storeSignatures(
  tx: Tx,
  signed: readonly DocumentSignatures[],
): Promise<void> {
  // One UPDATE per chunk of documents instead of one per document.
  for (let start = 0; start < signed.length; start += 100) {
    const chunk = signed.slice(start, start + 100);
    const caseOf = (pick: (entry: (typeof chunk)[number]) => string) =>
      sql<string>`case number ${sql.join(
        chunk.map((entry) => sql`when ${entry.number} then ${pick(entry)}`),
        sql` `,
      )} end`;
    await tx
      .updateTable('documents')
      .set({ jws: caseOf((entry) => entry.jws), qr_token: caseOf((entry) => entry.qrToken) })
      .where(
        'number',
        'in',
        chunk.map((entry) => entry.number),
      )
      .execute();
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
