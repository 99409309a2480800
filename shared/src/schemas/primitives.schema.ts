import { z } from 'zod';
import { unprintableCharacters, unprintableMessage } from '../domain/printable-text.js';
import { codedIssue } from '../errors.js';

/**
 * Refuses a string holding a character a document cannot print faithfully
 * (`domain/printable-text.ts`), as `unprintable_character` with a message naming the
 * characters. For strings already NFC-normalized: the set is defined after NFC.
 *
 * @example z.string().normalize('NFC').superRefine(refuseUnprintable)
 */
export function refuseUnprintable(value: string, ctx: z.RefinementCtx): void {
  const characters = unprintableCharacters(value);
  if (characters.length === 0) return;
  ctx.addIssue({
    code: 'custom',
    message: unprintableMessage(characters).en,
    params: { code: 'unprintable_character', message: unprintableMessage(characters) },
  });
}

/**
 * Text a person types: trimmed, stored NFC-normalized (one spelling per name, whatever the
 * keyboard composed), required (an empty or blank string is `required`), at most `max`
 * characters, and only characters a document prints faithfully: no control or bidi
 * character, nothing the document fonts cannot draw.
 */
export function textSchema(max: number): z.ZodString {
  return z.string().trim().normalize('NFC').min(1).max(max).superRefine(refuseUnprintable);
}

/**
 * A whole number within [min, max]. Written with `multipleOf(1)` rather than `.int()` on
 * purpose: zod's `.int()` failure aborts the parse of the enclosing object, which would skip
 * its cross-field checks and hide their failures; every failing field must be reported at once.
 */
export function wholeNumberSchema(min: number, max: number): z.ZodNumber {
  return z.number().min(min).max(max).multipleOf(1);
}

/** A calendar date `YYYY-MM-DD` (no time, no zone: a date as the client reads it). */
export const isoDateSchema = z.iso.date();

/** An ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`). */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/**
 * An amount of money in integer cents, non-negative (floating-point dollars lose cents).
 * Capped at a billion dollars, far above any vehicle.
 */
export const centsSchema = wholeNumberSchema(0, 100_000_000_000);

/**
 * A SAAQ licence (establishment) number, e.g. `L-100001`: upper-case letters, digits and
 * dashes, 3 to 20 characters.
 */
export const licenceNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((value) => /^[A-Z0-9-]{3,20}$/.test(value), codedIssue('invalid_licence_number'));

/** An enterprise number (NEQ, Registraire des entreprises): 10 digits, spaces removed. */
export const neqSchema = z
  .string()
  .overwrite((value) => value.replace(/\s+/g, ''))
  .refine((value) => /^\d{10}$/.test(value), codedIssue('invalid_neq'));

/**
 * A Québec driving-licence number: 1 letter then 12 digits, e.g. `T1234-567890-12` is
 * normalized to `T123456789012` (upper case, spaces and dashes removed).
 */
export const driverLicenceSchema = z
  .string()
  .overwrite((value) => value.replace(/[\s-]+/g, '').toUpperCase())
  .refine((value) => /^[A-Z]\d{12}$/.test(value), codedIssue('invalid_driver_licence'));

/** A document or transaction number assigned by the server. */
export const documentNumberSchema = z
  .string()
  .trim()
  .normalize('NFC')
  .min(1)
  .max(40)
  .superRefine(refuseUnprintable);
