import { documentEnvelopeSchema } from '@comptoir/shared';
import type { DocumentRow } from '$lib/offline/db';
import { getDocument, storeDocumentEnvelope } from '$lib/offline/documents';
import { kioskDb } from '$lib/offline/kiosk-db';

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
