import { z } from 'zod';
import { codedIssue } from '../errors.js';
import {
  isCountry,
  isProvince,
  isUsState,
  postalCodeFirstLetters,
} from '../domain/jurisdictions.js';
import { provinceNames } from '../domain/jurisdiction-names.js';
import { refuseUnprintable, textSchema } from './primitives.schema.js';

const canadianPostalCode = /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]) ?(\d[ABCEGHJ-NPRSTV-Z]\d)$/;
const usZipCode = /^\d{5}(-\d{4})?$/;

/** Whether `postalCode` fits its country's format (checked for Canada and the United States only). */
export function isPostalCodeOf(country: string, postalCode: string): boolean {
  if (country === 'CA') return canadianPostalCode.test(postalCode);
  if (country === 'US') return usZipCode.test(postalCode);
  return true;
}

/**
 * The address rules that read several fields: the province or state from its country's list,
 * the postal code in its country's format, and a Canadian postal code whose first letter is
 * its province's (Canada Post's sortation areas: `12345` or `K1A 0B1` is no Québec address).
 * Runs whenever the fields are strings, even if another field failed, so that every failing
 * field is reported at once.
 */
function checkAddress(
  address: { province: string; postalCode: string; country: string },
  ctx: z.RefinementCtx,
): void {
  const { country, province, postalCode } = address;
  if (!isCountry(country)) return; // Already refused as `invalid_country`.
  if (country === 'CA' && !isProvince(province)) {
    ctx.addIssue(codedIssue('invalid_province', ['province']));
  }
  if (country === 'US' && !isUsState(province)) {
    ctx.addIssue(codedIssue('invalid_us_state', ['province']));
  }
  if (!isPostalCodeOf(country, postalCode)) {
    ctx.addIssue(
      codedIssue(country === 'US' ? 'invalid_zip_code' : 'invalid_postal_code', ['postalCode']),
    );
    return;
  }
  if (country !== 'CA' || !isProvince(province)) return;
  const letters = postalCodeFirstLetters[province];
  if (letters.includes(postalCode.charAt(0))) return;
  const name = provinceNames[province];
  const list = letters.split('');
  ctx.addIssue({
    ...codedIssue('postal_code_province_mismatch', ['postalCode']),
    params: {
      code: 'postal_code_province_mismatch',
      message: {
        fr: `Un code postal de la province ${name.fr} commence par ${list.join(', ')}.`,
        en: `A postal code in ${name.en} begins with ${list.join(', ')}.`,
      },
    },
  });
}

/**
 * A postal address. `country` is ISO 3166-1 alpha-2 (default `CA`): a transit buyer may be a
 * non-resident. `province` is a province or territory in Canada, a state in the United States,
 * free (2 letters) elsewhere. Canadian postal codes are normalized to `H2X 1Y4`.
 */
export const addressSchema = z
  .object({
    line1: textSchema(100),
    line2: textSchema(100).optional(),
    city: textSchema(60),
    province: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{1,3}$/),
    postalCode: z
      .string()
      .trim()
      .normalize('NFC')
      .toUpperCase()
      .min(1)
      .max(12)
      .superRefine(refuseUnprintable),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCountry, codedIssue('invalid_country'))
      .default('CA'),
  })
  .strict()
  .superRefine(checkAddress)
  .transform((address) =>
    address.country === 'CA'
      ? { ...address, postalCode: address.postalCode.replace(canadianPostalCode, '$1 $2') }
      : address,
  );
/** A postal address (normalized). */
export type Address = z.infer<typeof addressSchema>;
