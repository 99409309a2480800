import type { SearchCriteria } from '@comptoir/shared';
import type { CompiledQuery, SelectQueryBuilder } from 'kysely';
import type { Tx } from '../db/engine.js';
import type { Database, DocumentTable } from '../db/schema.js';

/*
 * The search's SQL: one indexed read per reading of the typed text (number, VIN, VIN's last 6,
 * plate, name word), each confined to one licence, merged by the service. Separate reads
 * rather than one `OR`: each is a plain index range on both engines (the plans are asserted in
 * search.repo.test.ts), where an `OR` of five columns may fall back to scanning the licence.
 */

/** Upper bound of a prefix range on folded words (only `a-z0-9`; `{` sorts after them). */
const AFTER_FOLDED = '{';

/** What one search reads. */
export interface DocumentSearch {
  licence: string;
  criteria: SearchCriteria;
  kind?: string | undefined;
  /** Rows read per reading at most (the service asks one more than it shows). */
  limit: number;
}

/** One read of a search: compiled for a plan, executed for rows. */
export interface DocumentRead {
  compile(): CompiledQuery;
  execute(): Promise<DocumentTable[]>;
}

type DocumentQuery = SelectQueryBuilder<Database, 'documents', DocumentTable>;

/**
 * The reads a search makes, named by what they look up (exported so a test can ask each
 * engine for its plan). A name or a registration drives from its own index and joins the
 * documents by key, so the licence's other documents are never read.
 */
export function documentSearchQueries(tx: Tx, search: DocumentSearch): Map<string, DocumentRead> {
  const { licence, criteria, kind, limit } = search;
  const base = (): DocumentQuery => {
    let query = tx.selectFrom('documents').selectAll('documents');
    if (kind) query = query.where('documents.kind', '=', kind);
    return query.where('documents.licence', '=', licence);
  };
  const queries = new Map<string, DocumentRead>();
  if (criteria.number) {
    queries.set('number', base().where('documents.number', '=', criteria.number));
    if (criteria.number.startsWith('R-')) {
      // A registration's number finds the papers its confirmation issued.
      let query = tx
        .selectFrom('registrations')
        .innerJoin('documents', 'documents.command_id', 'registrations.confirm_command_id')
        .selectAll('documents')
        .where('registrations.number', '=', criteria.number)
        .where('registrations.licence', '=', licence)
        .where('documents.licence', '=', licence);
      if (kind) query = query.where('documents.kind', '=', kind);
      queries.set('registration', query);
    }
  }
  const ordered = (query: DocumentQuery): DocumentQuery =>
    query.orderBy('documents.issued_at', 'desc').limit(limit);
  if (criteria.vin) queries.set('vin', ordered(base().where('documents.vin', '=', criteria.vin)));
  if (criteria.vinLast6) {
    queries.set('vinLast6', ordered(base().where('documents.vin_last6', '=', criteria.vinLast6)));
  }
  if (criteria.plate) {
    queries.set('plate', ordered(base().where('documents.plate', '=', criteria.plate)));
  }
  const [word] = criteria.nameWords;
  if (word) {
    let query = tx
      .selectFrom('document_name_words')
      .innerJoin('documents', 'documents.number', 'document_name_words.number')
      .selectAll('documents')
      .where('document_name_words.licence', '=', licence)
      .where('document_name_words.word', '>=', word)
      .where('document_name_words.word', '<', `${word}${AFTER_FOLDED}`);
    if (kind) query = query.where('documents.kind', '=', kind);
    queries.set('name', query.orderBy('documents.issued_at', 'desc').limit(limit));
  }
  return queries;
}

/**
 * A licence's documents matching any reading of the search, each reading at most `limit`
 * rows, deduplicated, newest first. Name words after the first are checked by the service.
 */
export async function searchDocuments(tx: Tx, search: DocumentSearch): Promise<DocumentTable[]> {
  const found = new Map<string, DocumentTable>();
  for (const query of documentSearchQueries(tx, search).values()) {
    for (const row of await query.execute()) found.set(row.number, row);
  }
  return [...found.values()].sort((a, b) => (a.issued_at < b.issued_at ? 1 : -1));
}

/**
 * The authority's lookup: documents of any dealer by exact number (or the papers a
 * registration's confirmation issued) or by VIN, newest first, at most `limit`.
 */
export async function lookupDocuments(
  tx: Tx,
  lookup: { number?: string | undefined; vin?: string | undefined },
  limit: number,
): Promise<DocumentTable[]> {
  const found = new Map<string, DocumentTable>();
  const { number, vin } = lookup;
  if (number) {
    const rows = await tx
      .selectFrom('documents')
      .selectAll()
      .where('number', '=', number)
      .execute();
    const papers = number.startsWith('R-')
      ? await tx
          .selectFrom('registrations')
          .innerJoin('documents', 'documents.command_id', 'registrations.confirm_command_id')
          .selectAll('documents')
          .where('registrations.number', '=', number)
          .execute()
      : [];
    for (const row of [...rows, ...papers]) found.set(row.number, row);
  }
  if (vin) {
    const rows = await tx
      .selectFrom('documents')
      .selectAll()
      .where('vin', '=', vin)
      .orderBy('issued_at', 'desc')
      .limit(limit)
      .execute();
    for (const row of rows) found.set(row.number, row);
  }
  return [...found.values()].sort((a, b) => (a.issued_at < b.issued_at ? 1 : -1));
}
