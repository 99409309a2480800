import { z } from 'zod';
import { codedIssue } from '../errors.js';
import { SEARCH_MAX_LENGTH, isSearchable, parseSearchText } from '../domain/search.js';
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
