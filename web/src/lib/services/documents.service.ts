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

/**
 * The chosen licence's documents of one kind, newest first, as the view asks: issued in a
 * window of local days (Québec time, like the server's listings), today, issued by the person
 * signed in, or needing attention; none without a licence (or, by window, without a window).
 */
export function liveDocuments(
  kind: () => string,
  window: () => ListingWindow | undefined,
  view: () => ListView = () => 'window',
): { readonly current: DocumentRow[] } {
  return live<DocumentRow[]>(async () => {
    const licence = session.licence;
    const shown = view();
    const db = kioskDb();
    if (!licence) return [];
    const now = new Date();
    if (shown === 'today') {
      const today = localDate(now);
      return listDocuments(db, licence, kind(), { from: today, to: today });
    }
    if (shown === 'mine') {
      const accountId = session.info?.account.id;
      const operatorId = (await activeOperator())?.operatorId;
      return (await allDocuments(db, licence, kind())).filter((row) => {
        const person = row.document.issuedBy.person;
        if (!person || person.accountId !== accountId) return false;
        // On a shared account, "my work" is the operator's own.
        return operatorId === undefined || person.operatorId === operatorId;
      });
    }
    if (shown === 'attention') {
      return (await allDocuments(db, licence, kind())).filter((row) => isExpiringSoon(row, now));
    }
    const within = window();
    return within ? listDocuments(db, licence, kind(), within) : [];
  }, []);
}
