import { localDate, type DocumentEnvelope, type ListingWindow } from '@comptoir/shared';
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
 * The person's commands of one type not yet turned into documents: they show in the
 * listings as waiting, so a transit requested offline is visibly there.
 */
export async function pendingCommands(
  db: ComptoirDb,
  actorAccountId: string,
  type: string,
): Promise<OutboxRow[]> {
  const rows = await db.outbox.where('actorAccountId').equals(actorAccountId).toArray();
  return rows
    .filter((row) => row.command.type === type && row.state !== 'applied' && !row.supersededBy)
    .sort((a, b) => b.createdAt - a.createdAt);
}
