import { documentSearchKeys, issuedDocumentSchema } from '@comptoir/shared';
import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from './schema.js';

/** Rows read and rewritten per round of the backfill. */
const BACKFILL_PAGE = 500;

/**
 * Finding a paper over any period (issue "The finish"): the search keys stored beside each
 * document, with indexes on both engines, so a search reads an index range and never parses
 * every document.
 *
 * - `documents.vin_last6`: the VIN's last 6 characters, indexed per licence (newest first).
 * - the full VIN, indexed per licence (the older `documents_vin_kind` crosses licences).
 * - `documents.plate`: the plate a provisional plate or certificate carries, indexed per licence.
 * - `documents.name_folded`: the customers' names folded (accents, case, punctuation; shared
 *   `foldText`), what a name search checks every typed word against.
 * - `document_name_words`: one row per folded word of those names, keyed (licence, word,
 *   number), so a name found by any of its words (`roy` finds "Julie Roy") is a prefix range
 *   of the primary key. On PostgreSQL the word is `collate "C"`: the range `[w, w || '{')`
 *   then means "starts with w" whatever the cluster's collation (folded words hold only
 *   `a-z0-9`, and `{` sorts after them in byte order).
 *
 * Existing documents are backfilled here, from their stored signed content, with the same
 * shared function the server writes new documents with.
 */
export function searchMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('documents').addColumn('vin_last6', 'text').execute();
      await db.schema.alterTable('documents').addColumn('plate', 'text').execute();
      await db.schema.alterTable('documents').addColumn('name_folded', 'text').execute();
      await db.schema
        .createTable('document_name_words')
        .addColumn('licence', 'text', (c) => c.notNull())
        .addColumn('word', 'text', (c) =>
          engine === 'postgres' ? c.notNull().modifyFront(sql`collate "C"`) : c.notNull(),
        )
        .addColumn('number', 'text', (c) => c.notNull().references('documents.number'))
        .addPrimaryKeyConstraint('document_name_words_pk', ['licence', 'word', 'number'])
        .execute();
      await db.schema
        .createIndex('documents_licence_vin_last6')
        .on('documents')
        .columns(['licence', 'vin_last6', 'issued_at'])
        .execute();
      await db.schema
        .createIndex('documents_licence_vin')
        .on('documents')
        .columns(['licence', 'vin', 'issued_at'])
        .execute();
      await db.schema
        .createIndex('documents_licence_plate')
        .on('documents')
        .columns(['licence', 'plate', 'issued_at'])
        .execute();
      // The staff journal found by what a row is about (a document number, a VIN).
      await db.schema
        .createIndex('audit_log_subject_id')
        .on('audit_log')
        .columns(['subject', 'id'])
        .execute();
      await backfillSearchKeys(db);
    },
  };
}

/**
 * Files every document without search keys under them, a page at a time in number order
 * (what the migration runs on the documents written before it).
 */
export async function backfillSearchKeys<T>(db: Kysely<T>): Promise<void> {
  let after = '';
  for (;;) {
    const page = await sql<{ number: string; licence: string; document_json: string }>`
      select number, licence, document_json from documents
      where number > ${after} and vin_last6 is null order by number limit ${BACKFILL_PAGE}
    `.execute(db);
    if (page.rows.length === 0) return;
    for (const row of page.rows) {
      const parsed = issuedDocumentSchema.safeParse(JSON.parse(row.document_json));
      // A document this version cannot read keeps no keys: found by number and VIN only.
      if (!parsed.success) continue;
      const keys = documentSearchKeys(parsed.data);
      await sql`
        update documents
        set vin_last6 = ${keys.vinLast6}, plate = ${keys.plate}, name_folded = ${keys.nameFolded}
        where number = ${row.number}
      `.execute(db);
      for (const word of keys.nameWords) {
        await sql`
          insert into document_name_words (licence, word, number)
          values (${row.licence}, ${word}, ${row.number})
        `.execute(db);
      }
    }
    after = page.rows[page.rows.length - 1]?.number ?? after;
  }
}
