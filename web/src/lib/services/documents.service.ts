import { documentEnvelopeSchema, localDate, type ListingWindow } from '@comptoir/shared';
import type { DocumentRow } from '$lib/offline/db';
import {
  allDocuments,
  getDocument,
  listDocuments,
  storeDocumentEnvelope,
} from '$lib/offline/documents';
import { kioskDb } from '$lib/offline/kiosk-db';
import { live } from '$lib/offline/live.svelte';
import { session } from '$lib/session/session.svelte';
import { activeOperator } from './kiosk-access.service';

export type { DocumentRow };

/**
 * A document for viewing and printing: from the kiosk first (works offline), refreshed from
 * the server when online (status, print count, and the JWS the print agent needs).
 */
export async function fetchDocument(number: string): Promise<DocumentRow | undefined> {
  const db = kioskDb();
  if (navigator.onLine) {
    try {
      const response = await fetch(`/api/documents/${encodeURIComponent(number)}`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (response.ok) {
        const parsed = documentEnvelopeSchema.safeParse(await response.json());
        if (parsed.success) await storeDocumentEnvelope(db, parsed.data);
      }
    } catch {
      // Offline after all: show what the kiosk has.
    }
  }
  return getDocument(db, number);
}

/*
 * The `live*` views are rune state that follows the kiosk's documents in this tab and the
 * others (they arrive by sync): call them while a component is initialised.
 */

/** One document kept on this kiosk, as it changes (a reprint, a refresh from the server). */
export function liveDocument(number: () => string): { readonly current: DocumentRow | undefined } {
  return live<DocumentRow | undefined>(() => getDocument(kioskDb(), number()), undefined);
}

/**
 * The chosen licence's documents of one kind issued in a window of local days (Québec time,
 * like the server's listings), newest first; none without a licence or a window.
 */
export function liveDocuments(
  kind: () => string,
  window: () => ListingWindow | undefined,
): { readonly current: DocumentRow[] } {
  return live<DocumentRow[]>(async () => {
    const licence = session.licence;
    const within = window();
    if (!licence || !within) return [];
    return listDocuments(kioskDb(), licence, kind(), within);
  }, []);
}

/**
 * How a list shows its papers: a window of days, today, the person's own work, or what needs
 * attention (papers expiring within {@link EXPIRING_SOON_MS}).
 */
export type ListView = 'window' | 'today' | 'mine' | 'attention';

/** A valid paper expiring sooner than this needs attention (a transit to renew, a plate). */
export const EXPIRING_SOON_MS = 2 * 24 * 60 * 60 * 1000;

/** True when a kept paper is still valid and expires within {@link EXPIRING_SOON_MS} of `now`. */
export function isExpiringSoon(row: DocumentRow, now: Date): boolean {
  const expiresAt = row.document.expiresAt;
  if (row.status !== 'valid' || !expiresAt) return false;
  const left = new Date(expiresAt).getTime() - now.getTime();
  return left > 0 && left <= EXPIRING_SOON_MS;
}

/** Who "my work" is: the account, and on a shared account the operator who unlocked it. */
export interface Worker {
  accountId: string | undefined;
  operatorId: string | undefined;
}

/**
 * Every document of one kind of the chosen licence kept on this kiosk, newest first, with who
 * works now: the list views filter them on screen (`documentsInView`), so changing the view or
 * the dates never depends on the query re-running.
 */
export function liveListDocuments(kind: () => string): {
  readonly current: { rows: DocumentRow[]; worker: Worker };
} {
  return live(
    async () => {
      const licence = session.licence;
      const accountId = session.info?.account.id;
      const rows = licence ? await allDocuments(kioskDb(), licence, kind()) : [];
      return { rows, worker: { accountId, operatorId: (await activeOperator())?.operatorId } };
    },
    { rows: [] as DocumentRow[], worker: { accountId: undefined, operatorId: undefined } },
  );
}

/**
 * The papers a list view shows, newest first: issued in the window (local days, Québec time,
 * like the server's listings; none without a window), today, by the person working now (on a
 * shared account, the operator's own), or needing attention.
 */
export function documentsInView(
  rows: readonly DocumentRow[],
  view: ListView,
  window: ListingWindow | undefined,
  worker: Worker,
  now: Date,
): DocumentRow[] {
  const dayOf = (row: DocumentRow) => localDate(new Date(row.issuedAt));
  switch (view) {
    case 'today': {
      const today = localDate(now);
      return rows.filter((row) => dayOf(row) === today);
    }
    case 'mine':
      return rows.filter((row) => {
        const person = row.document.issuedBy.person;
        if (!person || !worker.accountId || person.accountId !== worker.accountId) return false;
        return worker.operatorId === undefined || person.operatorId === worker.operatorId;
      });
    case 'attention':
      return rows.filter((row) => isExpiringSoon(row, now));
    case 'window':
      return window
        ? rows.filter((row) => dayOf(row) >= window.from && dayOf(row) <= window.to)
        : [];
  }
}
