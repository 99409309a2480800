import { z } from 'zod';
import { codedRefinement } from '../errors.js';
import { refuseUnprintable, textSchema } from './primitives.schema.js';

const canadianPostalCode = /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]) ?(\d[ABCEGHJ-NPRSTV-Z]\d)$/;
const usZipCode = /^\d{5}(-\d{4})?$/;

/** Canada's provinces and territories (postal abbreviations). */
export const provinces = [
  'AB',
  'BC',
  'MB',
  'NB',
  'NL',
  'NS',
  'NT',
  'NU',
  'ON',
  'PE',
  'QC',
  'SK',
  'YT',
] as const;

const provinceSet: ReadonlySet<string> = new Set(provinces);

/** Whether `postalCode` fits its country's format (checked for Canada and the United States only). */
export function isPostalCodeOf(country: string, postalCode: string): boolean {
  if (country === 'CA') return canadianPostalCode.test(postalCode);
  if (country === 'US') return usZipCode.test(postalCode);
  return true;
}

/**
 * A postal address. `country` is ISO 3166-1 alpha-2 (default `CA`): a transit buyer may be a
 * non-resident. Canadian postal codes are normalized to `H2X 1Y4`; US ZIP codes checked.
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
      .regex(/^[A-Z]{2}$/),
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
      .regex(/^[A-Z]{2}$/)
      .default('CA'),
  })
  .strict()
  .refine(
    (address) => isPostalCodeOf(address.country, address.postalCode),
    codedRefinement('invalid_postal_code', ['postalCode'], ['country', 'postalCode']),
  )
  .refine(
    (address) => address.country !== 'CA' || provinceSet.has(address.province),
    codedRefinement('invalid_choice', ['province'], ['country', 'province']),
  )
  .transform((address) =>
    address.country === 'CA'
      ? { ...address, postalCode: address.postalCode.replace(canadianPostalCode, '$1 $2') }
      : address,
  );
/** A postal address (normalized). */
export type Address = z.infer<typeof addressSchema>;
