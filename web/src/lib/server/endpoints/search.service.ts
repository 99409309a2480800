import {
  SEARCH_RESULT_LIMIT,
  parseStaffLookup,
  staffLookupQuerySchema,
  type StaffLookupResult,
  customerNamesOf,
  documentKindSchema,
  namesMatch,
  parseSearchText,
  searchQuerySchema,
  type SearchHit,
  type SearchResult,
} from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import type { DocumentTable } from '../db/schema.js';
import { requireAccountAction, requireLicenceAction } from '../http/authorize.js';
import { parseRequest } from '../http/request-input.js';
import { parseStoredDocument, statusOf } from '../registry/documents.repo.js';
import { findLicence } from '../registry/licences.repo.js';
import { lookupDocuments, searchDocuments } from '../registry/search.repo.js';

/**
 * `GET /api/search?licence=&q=&kind=`: the papers of the caller's licence matching what was
 * typed (a number, a VIN or its last 6, a plate, a customer's name), over any period, newest
 * first, at most {@link SEARCH_RESULT_LIMIT}. Only the licence's own papers: the licence must
 * be one the caller acts for (403 `licence_not_permitted`, audited). A search by name looks
 * people up, so it is audited (`search.people`, with the folded words), like the history.
 */
export async function searchPapers(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<SearchResult> {
  const route = 'search';
  const parsed = await parseRequest(server, actor, route, searchQuerySchema, query);
  await requireLicenceAction(server, actor, parsed.licence, 'document.list', { route });
  const criteria = parseSearchText(parsed.q);
  const rows = await searchDocuments(server.storage.db, {
    licence: parsed.licence,
    criteria,
    kind: parsed.kind,
    limit: SEARCH_RESULT_LIMIT + 1,
  });
  const matching = rows.filter(
    (row) =>
      criteria.nameWords.length === 0 ||
      !isNameOnly(row, criteria) ||
      namesMatch(row.name_folded, criteria.nameWords),
  );
  const now = server.clock();
  if (criteria.nameWords.length > 0) {
    await server.storage.writeTransaction((tx) =>
      appendAudit(tx, now, {
        event: 'search.people',
        actor: actor.id,
        licence: parsed.licence,
        detail: { words: criteria.nameWords, found: matching.length },
      }),
    );
  }
  return {
    items: matching.slice(0, SEARCH_RESULT_LIMIT).map((row) => hitOf(row, now)),
    isTruncated: matching.length > SEARCH_RESULT_LIMIT,
  };
}

/**
 * `GET /api/staff/lookup?q=` (authority staff, audited as `staff.lookup`): the console's box.
 * A licence number answers the licence with its dealer; a document or registration number, or
 * a VIN, answers the papers of any dealer, newest first.
 */
export async function staffLookup(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<StaffLookupResult> {
  const route = 'staff.lookup';
  await requireAccountAction(server, actor, 'staff.read_audit', { route });
  const { q } = await parseRequest(server, actor, route, staffLookupQuerySchema, query);
  const criteria = parseStaffLookup(q);
  const { db } = server.storage;
  const licence = criteria.licence ? await findLicence(db, criteria.licence) : undefined;
  const rows = await lookupDocuments(db, criteria, SEARCH_RESULT_LIMIT + 1);
  const now = server.clock();
  await server.storage.writeTransaction((tx) =>
    appendAudit(tx, now, {
      event: 'staff.lookup',
      actor: actor.id,
      subject: criteria.licence ?? criteria.number ?? criteria.vin ?? null,
      detail: { found: (licence ? 1 : 0) + rows.length },
    }),
  );
  return {
    licences: licence
      ? [
          {
            number: licence.number,
            dealerName: licence.dealer.name,
            isSuspended: licence.isSuspended,
          },
        ]
      : [],
    documents: rows.slice(0, SEARCH_RESULT_LIMIT).map((row) => hitOf(row, now)),
    isTruncated: rows.length > SEARCH_RESULT_LIMIT,
  };
}

/** True when the row was found by its name only (not by number, VIN or plate). */
function isNameOnly(row: DocumentTable, criteria: ReturnType<typeof parseSearchText>): boolean {
  return !(
    (criteria.vin && row.vin === criteria.vin) ||
    (criteria.vinLast6 && row.vin_last6 === criteria.vinLast6) ||
    (criteria.plate && row.plate === criteria.plate)
  );
}

/** A list row of a stored document. */
function hitOf(row: DocumentTable, now: Date): SearchHit {
  const document = parseStoredDocument(row.document_json);
  const customers = customerNamesOf(document);
  return {
    number: row.number,
    kind: documentKindSchema.parse(row.kind),
    licence: row.licence,
    issuedAt: row.issued_at,
    status: statusOf(row, now),
    vehicle: {
      vin: document.vehicle.vin,
      make: document.vehicle.make,
      model: document.vehicle.model,
      year: document.vehicle.year,
    },
    ...(customers.length > 0 ? { customer: customers.join(' / ') } : {}),
    ...(row.plate ? { plate: row.plate } : {}),
  };
}
