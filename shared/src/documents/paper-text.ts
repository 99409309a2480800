import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { BilingualText } from '../bilingual.js';
import { TIME_ZONE } from '../domain/constants.js';
import { codeLabel } from '../labels/code-labels.js';

/** Joins both languages the way every label on the paper reads: `Numéro / Number`. */
export function bothLanguages(text: BilingualText): string {
  return text.fr === text.en ? text.fr : `${text.fr} / ${text.en}`;
}

/**
 * An instant as printed: `2027-01-09 23:59`, in Québec's time zone whatever the printing
 * machine's zone (the kiosk or agent may run in UTC). ISO order reads the same in French
 * and English.
 */
export function paperDateTime(iso: string): string {
  return format(new TZDate(iso, TIME_ZONE), 'yyyy-MM-dd HH:mm');
}

/** A calendar date (`2026-11-26`) or the Québec date of an instant. */
export function paperDate(isoDateOrInstant: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(isoDateOrInstant)) return isoDateOrInstant;
  return format(new TZDate(isoDateOrInstant, TIME_ZONE), 'yyyy-MM-dd');
}

/** An amount in cents in both languages' conventions: `12 345,67 $ / $12,345.67`. */
export function paperMoney(cents: number): string {
  const amount = cents / 100;
  const fr = new Intl.NumberFormat('fr-CA', { style: 'currency', currency: 'CAD' }).format(amount);
  const en = new Intl.NumberFormat('en-CA', { style: 'currency', currency: 'CAD' }).format(amount);
  return `${fr} / ${en}`;
}

/** A whole number with the thousands grouped: `48 213` (km, kg). */
export function paperInteger(value: number): string {
  return new Intl.NumberFormat('fr-CA', { maximumFractionDigits: 0 }).format(value);
}

/**
 * The printed label of a code the registry uses (transaction, vehicle type, reason...). A code
 * this version does not know (from a newer server) prints as is rather than failing the print.
 */
export function paperLabel(code: string | undefined): string {
  if (code === undefined || code === '') return '—';
  const label = codeLabel(code);
  return label === undefined ? code : bothLanguages(label);
}

/** The label of a registry code in both languages (`light_truck` -> Camionnette / Light truck), or undefined. */
export function codeText(code: string): BilingualText | undefined {
  return codeLabel(code);
}

/** A postal address on one line: `12 rue Principale, Lévis (QC) G6V 1A1`. */
export function paperAddress(
  address:
    | {
        line1: string;
        line2?: string | undefined;
        city: string;
        province: string;
        postalCode: string;
        country?: string | undefined;
      }
    | undefined,
): string {
  if (address === undefined) return '—';
  const { line1, line2, city, province, postalCode, country } = address;
  return [line1, line2, `${city} (${province}) ${postalCode}`, country]
    .filter((part) => part !== undefined && part !== '')
    .join(', ');
}
