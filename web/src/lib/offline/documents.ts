import {
  documentMatches,
  localDate,
  type DocumentEnvelope,
  type ListingWindow,
  type SearchCriteria,
} from '@comptoir/shared';
import type { ComptoirDb, DocumentRow, OutboxRow } from './db';

/**
 * Documents of one kind for a licence issued on local days `from`..`to` (inclusive,
 * `YYYY-MM-DD`, Québec time like the server's listings), newest first.
 */
export async function listDocuments(
  db: ComptoirDb,
  licence: string,
  kind: string,
  window: ListingWindow,
): Promise<DocumentRow[]> {
  const rows = await db.documents
    .where('[licence+kind]')
    .equals([licence, kind])
    .filter((row) => {
      const day = localDate(new Date(row.issuedAt));
      return day >= window.from && day <= window.to;
    })
    .toArray();
  return rows.sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : -1));
}

/** Every document of one kind for a licence kept on this kiosk, newest first (the list views). */
export async function allDocuments(
  db: ComptoirDb,
  licence: string,
  kind: string,
): Promise<DocumentRow[]> {
  const rows = await db.documents.where('[licence+kind]').equals([licence, kind]).toArray();
  return rows.sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : -1));
}

/** One document kept on this kiosk. */
export async function getDocument(
  db: ComptoirDb,
  number: string,
): Promise<DocumentRow | undefined> {
  return db.documents.get(number);
}

/** Keeps what `GET /api/documents/:number` said, so the document can be reprinted offline. */
export async function storeDocumentEnvelope(
  db: ComptoirDb,
  envelope: DocumentEnvelope,
): Promise<void> {
  const { document } = envelope;
  await db.documents.put({
    number: document.number,
    licence: document.licence,
    kind: document.kind,
    issuedAt: document.issuedAt,
    document,
    status: envelope.status,
    jws: envelope.jws,
    qrToken: envelope.qrToken,
    printCount: envelope.printCount,
  });
}

/**
 * The person's commands of one type under one licence not yet turned into documents: they
 * show in that licence's listings as waiting, so a transit requested offline is visibly there.
 * Only that licence's: a person working for two licences once saw, in the L-100001 list, a
 * refused transit of L-100002.
 */
export async function pendingCommands(
  db: ComptoirDb,
  actorAccountId: string,
  type: string,
  licence: string,
): Promise<OutboxRow[]> {
  const rows = await db.outbox.where('actorAccountId').equals(actorAccountId).toArray();
  return rows
    .filter(
      (row) =>
        row.licence === licence &&
        row.command.type === type &&
        row.state !== 'applied' &&
        !row.supersededBy,
    )
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** At most this many papers answer an offline search (the server's limit, newest first). */
const OFFLINE_SEARCH_LIMIT = 50;

/**
 * The kiosk's own papers of a licence matching a search (offline: what this kiosk issued,
 * pulled or opened), newest first, with the same rules as the server's search.
 */
export async function searchDocuments(
  db: ComptoirDb,
  licence: string,
  criteria: SearchCriteria,
  kind?: string,
): Promise<{ rows: DocumentRow[]; isTruncated: boolean }> {
  const rows = await db.documents
    .where('licence')
    .equals(licence)
    .filter(
      (row) =>
        (kind === undefined || row.kind === kind) &&
        documentMatches(row.document, row.number, criteria),
    )
    .toArray();
  rows.sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : -1));
  return {
    rows: rows.slice(0, OFFLINE_SEARCH_LIMIT),
    isTruncated: rows.length > OFFLINE_SEARCH_LIMIT,
  };
}
