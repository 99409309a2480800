import { z } from 'zod';
import { documentKindSchema } from './document.schema.js';

/** The kinds of line a registration's fee is made of (the schedule has one per type and year). */
export const feeLineCodes = ['registration_fee'] as const;

/** One line of a fee: what it is for, from the schedule of `year` for `vehicleType`. */
export const feeLineSchema = z
  .object({
    code: z.enum(feeLineCodes),
    year: z.number().int(),
    vehicleType: z.string(),
    amountCents: z.number().int(),
  })
  .strict();
/** One line of a fee. */
export type FeeLine = z.infer<typeof feeLineSchema>;

/**
 * What confirming a registration on hold will do, as the client is shown it before the
 * confirmation (docs/sync.md#the-fee-shown-before-a-confirmation): the fee by line with its
 * total (what the confirmation sends back as `expectedFeeCents`), the dealer's account it is
 * debited from (masked; null when none is on file), the plate series drawn from and the papers
 * that will be issued. `totalCents` is null when no fee is in force (the confirmation is then
 * refused with `registration_no_fee`).
 */
export const feeQuoteSchema = z
  .object({
    lines: z.array(feeLineSchema),
    totalCents: z.number().int().nullable(),
    bankAccount: z
      .object({ institution: z.string(), transit: z.string(), accountMasked: z.string() })
      .strict()
      .nullable(),
    plateSeries: z.string(),
    papers: z.array(documentKindSchema),
  })
  .strict();
/** A registration's fee quote. */
export type FeeQuote = z.infer<typeof feeQuoteSchema>;
