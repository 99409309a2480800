import { z } from 'zod';
import { codedRefinement } from '../errors.js';
import { LISTING_MAX_DAYS } from '../domain/constants.js';
import { listingWindowDays } from '../domain/listing.js';
import { documentEnvelopeSchema } from './document.schema.js';
import { isoDateSchema, licenceNumberSchema } from './primitives.schema.js';

// Only a window with both ends can be judged here; the server fills a missing end from its
// clock (`resolveListingWindow`) and judges again.
function windowDays(query: { from?: string | undefined; to?: string | undefined }): number {
  if (query.from === undefined || query.to === undefined) return 1;
  return listingWindowDays(query.from, query.to);
}

/**
 * `GET /api/documents?licence=&from=&to=`: a listing of one licence. Dates are local calendar
 * days, inclusive. A window wider than {@link LISTING_MAX_DAYS} days is refused
 * (`listing_window_too_long`); without dates the server shows the last 7 days.
 */
export const listQuerySchema = z
  .object({
    licence: licenceNumberSchema,
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
  })
  .strict()
  .refine(
    (query) => windowDays(query) >= 1,
    codedRefinement('listing_window_reversed', ['from'], ['from', 'to']),
  )
  .refine(
    (query) => windowDays(query) <= LISTING_MAX_DAYS,
    codedRefinement('listing_window_too_long', ['to'], ['from', 'to']),
  );
/** A listing query (parsed). */
export type ListQuery = z.infer<typeof listQuerySchema>;

/** The answer to a listing (`GET /api/atac`, `/api/transit`): the window used and its documents. */
export const documentListSchema = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(documentEnvelopeSchema),
});
/** A listing answer. */
export type DocumentList = z.infer<typeof documentListSchema>;
