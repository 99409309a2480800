import { documentEnvelopeSchema, type ListingWindow } from '@comptoir/shared';
import type { DocumentRow } from '$lib/offline/db';
import { getDocument, listDocuments, storeDocumentEnvelope } from '$lib/offline/documents';
import { kioskDb } from '$lib/offline/kiosk-db';
import { live } from '$lib/offline/live.svelte';
import { session } from '$lib/session/session.svelte';

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
