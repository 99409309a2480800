import { apiError, type ApiError } from '../errors.js';
import type { FeeLine } from '../schemas/fee-quote.schema.js';

/** The total of a fee's lines, in cents. */
export function feeTotal(lines: readonly FeeLine[]): number {
  return lines.reduce((total, line) => total + line.amountCents, 0);
}

function money(locale: 'fr-CA' | 'en-CA', cents: number): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CAD' }).format(cents / 100);
}

/**
 * The refusal of a confirmation whose client was shown another total than the fee in force:
 * the new amount in both languages' messages and in `details`, on the field
 * `payload.expectedFeeCents`.
 *
 * @example feeChangedError(22_500, 23_000).details // { feeCents: 23000, expectedFeeCents: 22500 }
 */
export function feeChangedError(expectedFeeCents: number, feeCents: number): ApiError {
  const base = apiError('fee_changed');
  const message = {
    fr: `${base.message.fr} Nouveau montant : ${money('fr-CA', feeCents)} (affiché : ${money('fr-CA', expectedFeeCents)}).`,
    en: `${base.message.en} New amount: ${money('en-CA', feeCents)} (shown: ${money('en-CA', expectedFeeCents)}).`,
  };
  return {
    code: 'fee_changed',
    message,
    fields: [{ path: 'payload.expectedFeeCents', code: 'fee_changed', message: { ...message } }],
    details: { feeCents, expectedFeeCents },
  };
}
