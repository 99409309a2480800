import { z } from 'zod';
import { codedIssue, codedRefinement } from '../errors.js';
import { wholeNumberSchema } from './primitives.schema.js';
import { partyKey, partySchema, type Party } from './party.schema.js';

/** Co-owners of a vehicle: 1 to 10 buyers, each at most once. */
export const buyersSchema = z
  .array(partySchema)
  .min(1)
  .max(10)
  .superRefine((buyers, ctx) => {
    const seen = new Set<string>();
    buyers.forEach((buyer, index) => {
      const key = partyKey(buyer);
      if (seen.has(key)) ctx.addIssue(codedIssue('duplicate_buyer', [index]));
      seen.add(key);
    });
  });

/** Which buyer is the designated registration holder (titulaire de l'immatriculation). */
export const holderIndexSchema = wholeNumberSchema(0, 9);

/**
 * True when the designated holder is one of the buyers. A body whose `buyers` is not a list
 * (e.g. the whole payload is `[]`) already failed on its shape: nothing to judge here, and
 * reading `.length` of it must not throw.
 */
export function isHolderAmongBuyers(body: { buyers: Party[]; holderIndex: number }): boolean {
  const buyers: unknown = body.buyers;
  if (!Array.isArray(buyers)) return true;
  return body.holderIndex < buyers.length;
}

/**
 * `.refine()` options for bodies with `buyers` and `holderIndex` (`invalid_holder_index` on
 * `holderIndex`); runs whenever both fields parsed, even if others failed.
 */
export const holderIndexRefinement = codedRefinement(
  'invalid_holder_index',
  ['holderIndex'],
  ['buyers', 'holderIndex'],
);
