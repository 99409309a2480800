import { z } from 'zod';
import { codedIssue } from '../errors.js';
import { textSchema } from './primitives.schema.js';

function digits(pattern: RegExp, code: Parameters<typeof codedIssue>[0]): z.ZodString {
  return z
    .string()
    .overwrite((value) => value.replace(/[\s-]+/g, ''))
    .refine((value) => pattern.test(value), codedIssue(code));
}

/**
 * The dealer's bank account for pre-authorized debits (Canadian PAD): institution 3 digits,
 * transit (branch) 5 digits, account 7 to 12 digits; spaces and dashes removed.
 */
export const bankAccountSchema = z
  .object({
    institution: digits(/^\d{3}$/, 'invalid_bank_institution'),
    transit: digits(/^\d{5}$/, 'invalid_bank_transit'),
    account: digits(/^\d{7,12}$/, 'invalid_bank_account'),
    holderName: textSchema(100),
  })
  .strict();
/** A bank account (parsed). */
export type BankAccount = z.infer<typeof bankAccountSchema>;
