import {
  documentKindSchema,
  documentStatusSchema,
  customerNamesOf,
  fromZodError,
  parseSearchText,
  plateOf,
  searchQuerySchema,
  searchResultSchema,
  type DocumentKind,
  type SearchHit,
} from '@comptoir/shared';
import { searchDocuments } from '$lib/offline/documents';
import { kioskDb } from '$lib/offline/kiosk-db';
import { session } from '$lib/session/session.svelte';
import { requestJson } from './online-call';
import type { ActionResult } from './result';

/** A search's answer on the kiosk: the papers, and whether it came from this kiosk alone. */
export interface SearchAnswer {
  items: SearchHit[];
  isTruncated: boolean;
  /** True when the server could not be asked: only the kiosk's own papers were searched. */
  isOffline: boolean;
}

/**
 * Finds papers of the licence worked on by what was typed (VIN or its last 6, name, number,
 * plate), over any period: the server's search when online, the kiosk's own papers offline.
 * The text is checked by the shared schema first, so a refusal reads the same on both paths.
 */
export async function searchPapers(
  text: string,
  kind?: DocumentKind,
): Promise<ActionResult<SearchAnswer>> {
  const licence = session.licence ?? '';
  const parsed = searchQuerySchema.safeParse({ licence, q: text, ...(kind && { kind }) });
  if (!parsed.success) return { ok: false, error: fromZodError(parsed.error) };
  const query = new URLSearchParams({ licence: parsed.data.licence, q: parsed.data.q });
  if (kind) query.set('kind', kind);
  const online = await requestJson('GET', `/api/search?${query.toString()}`, searchResultSchema);
  if (online.ok) return { ok: true, value: { ...online.value, isOffline: false } };
  if (online.error.code !== 'online_only') return online;
  const found = await searchDocuments(kioskDb(), licence, parseSearchText(parsed.data.q), kind);
  return {
    ok: true,
    value: {
      items: found.rows.flatMap((row) => {
        const rowKind = documentKindSchema.safeParse(row.kind);
        const status = documentStatusSchema.safeParse(row.status);
        if (!rowKind.success) return [];
        const customers = customerNamesOf(row.document);
        const plate = plateOf(row.document);
        const hit: SearchHit = {
          number: row.number,
          kind: rowKind.data,
          licence: row.licence,
          issuedAt: row.issuedAt,
          status: status.success ? status.data : 'unknown',
          vehicle: {
            vin: row.document.vehicle.vin,
            make: row.document.vehicle.make,
            model: row.document.vehicle.model,
            year: row.document.vehicle.year,
          },
          ...(customers.length > 0 && { customer: customers.join(' / ') }),
          ...(plate && { plate }),
        };
        return [hit];
      }),
      isTruncated: found.isTruncated,
      isOffline: true,
    },
  };
}
