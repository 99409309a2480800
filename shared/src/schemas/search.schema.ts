import { z } from 'zod';
import { codedIssue } from '../errors.js';
import {
  SEARCH_MAX_LENGTH,
  isSearchable,
  parseSearchText,
  parseStaffLookup,
} from '../domain/search.js';
import { documentKindSchema, documentStatusSchema } from './document.schema.js';
import { licenceNumberSchema } from './primitives.schema.js';

/**
 * `GET /api/search?licence=&q=&kind=`: one search box, over any period, within the caller's
 * licence. `q` is at most {@link SEARCH_MAX_LENGTH} characters and must read as something to
 * find (`search_nothing_to_find` otherwise: only `%`, `_`, symbols or one letter).
 */
export const searchQuerySchema = z
  .object({
    licence: licenceNumberSchema,
    q: z
      .string()
      .max(SEARCH_MAX_LENGTH)
      .refine((text) => isSearchable(parseSearchText(text)), codedIssue('search_nothing_to_find')),
    kind: documentKindSchema.optional(),
  })
  .strict();
/** A search query (parsed). */
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** One paper found: what a list row shows, never the whole signed document. */
export const searchHitSchema = z.object({
  number: z.string(),
  kind: documentKindSchema,
  licence: z.string(),
  issuedAt: z.string(),
  status: documentStatusSchema,
  vehicle: z.object({ vin: z.string(), make: z.string(), model: z.string(), year: z.number() }),
  /** The customers' names as printed, joined by ` / `. */
  customer: z.string().optional(),
  plate: z.string().optional(),
});
/** A paper found by a search. */
export type SearchHit = z.infer<typeof searchHitSchema>;

/** The answer: papers newest first; `isTruncated` when more matched than were returned. */
export const searchResultSchema = z.object({
  items: z.array(searchHitSchema),
  isTruncated: z.boolean(),
});
/** A search's answer. */
export type SearchResult = z.infer<typeof searchResultSchema>;

/**
 * `GET /api/staff/lookup?q=` (authority staff): the console's one box, a licence number, a
 * document or registration number, or a VIN (`search_nothing_to_find` otherwise).
 */
export const staffLookupQuerySchema = z
  .object({
    q: z
      .string()
      .max(SEARCH_MAX_LENGTH)
      .refine(
        (text) => Object.keys(parseStaffLookup(text)).length > 0,
        codedIssue('search_nothing_to_find'),
      ),
  })
  .strict();
/** A staff lookup query (parsed). */
export type StaffLookupQuery = z.infer<typeof staffLookupQuerySchema>;

/** A licence as the console shows it. */
export const staffLicenceHitSchema = z.object({
  number: z.string(),
  dealerName: z.string(),
  isSuspended: z.boolean(),
});

/** The console's answer: the licence named, and the papers of that number or VIN (any dealer). */
export const staffLookupResultSchema = z.object({
  licences: z.array(staffLicenceHitSchema),
  documents: z.array(searchHitSchema),
  isTruncated: z.boolean(),
});
/** A staff lookup's answer. */
export type StaffLookupResult = z.infer<typeof staffLookupResultSchema>;
