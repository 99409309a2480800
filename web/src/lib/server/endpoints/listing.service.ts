import {
  TIME_ZONE,
  fieldError,
  fromZodError,
  listQuerySchema,
  resolveListingWindow,
  type DocumentEnvelope,
  type DocumentKind,
} from '@comptoir/shared';
import { TZDate } from '@date-fns/tz';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import { HttpError, fail } from '../http/responses.js';
import { authorizeLicence, refuse } from '../http/authorize.js';
import { documentsIssuedIn, envelopeOf, findDocument } from '../registry/documents.repo.js';

/** The view action of each listable kind. */
const viewAction = { atac: 'atac.view', transit: 'transit.view' } as const;

/** First instant (UTC ISO) of a local calendar day in the registry's time zone. */
/** The instant a local (America/Montreal) calendar day starts, as ISO UTC. */
export function startOfLocalDay(date: string): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(new TZDate(year, month - 1, day, TIME_ZONE).getTime()).toISOString();
}

/** The calendar day after `date` (YYYY-MM-DD). */
export function nextDay(date: string): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/**
 * `GET /api/atac|transit?licence=&from=&to=`: documents of one kind issued under the licence
 * in a window of local calendar days (7 by default, at most 30).
 */
export async function listDocuments(
  server: ServerContext,
  actor: SessionAccount,
  kind: keyof typeof viewAction,
  query: Record<string, string>,
): Promise<{ from: string; to: string; items: DocumentEnvelope[] }> {
  const parsed = listQuerySchema.safeParse(query);
  if (!parsed.success) {
    const tooLong = parsed.error.issues.some(
      (issue) => issue.code === 'custom' && issue.params?.code === 'listing_window_too_long',
    );
    throw new HttpError(
      400,
      fromZodError(parsed.error, tooLong ? 'listing_window_too_long' : 'invalid_input'),
    );
  }
  if (!authorizeLicence(actor, parsed.data.licence, viewAction[kind])) {
    await refuse(server, actor, 403, 'licence_not_permitted', {
      route: `${kind}.list`,
      licence: parsed.data.licence,
    });
  }
  const now = server.clock();
  const window = resolveListingWindow(parsed.data, now);
  if (typeof window === 'string') fail(400, window, [fieldError('from', window)]);
  const rows = await documentsIssuedIn(server.storage.db, {
    licence: parsed.data.licence,
    kind,
    from: startOfLocalDay(window.from),
    to: startOfLocalDay(nextDay(window.to)),
  });
  return { ...window, items: rows.map((row) => envelopeOf(row, now)) };
}

/**
 * One document by number, authorized on the document's own licence; `kind` narrows it
 * (`/api/atac/[number]` does not answer a transit). Unknown or not permitted -> 404, so
 * numbers of other dealers cannot be probed.
 */
export async function viewDocument(
  server: ServerContext,
  actor: SessionAccount,
  number: string,
  kind?: DocumentKind,
): Promise<DocumentEnvelope> {
  const row = await findDocument(server.storage.db, number.trim().toUpperCase());
  const action =
    kind === 'atac' ? 'atac.view' : kind === 'transit' ? 'transit.view' : 'document.list';
  if (!row || (kind && row.kind !== kind) || !authorizeLicence(actor, row.licence, action)) {
    // Another dealer's number answers like an unknown one, but the attempt is audited.
    if (row)
      await refuse(server, actor, 404, 'not_found', { route: 'document.view', number: row.number });
    fail(404, 'not_found');
  }
  return envelopeOf(row, server.clock());
}
