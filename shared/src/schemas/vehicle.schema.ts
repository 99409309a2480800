import { z } from 'zod';
import { codedIssue } from '../errors.js';
import { normalizeVin, vinProblems } from '../domain/vin.js';
import { textSchema, wholeNumberSchema } from './primitives.schema.js';

/** Vehicle types the registry knows; online registration accepts only the first three. */
export const vehicleTypes = [
  'automobile',
  'light_truck',
  'suv',
  'motorcycle',
  'atv',
  'snowmobile',
  'heavy_truck',
  'bus',
  'motorhome',
  'trailer',
  'other',
] as const;
/** A vehicle type. */
export type VehicleType = (typeof vehicleTypes)[number];

/** Registry categories that change what may be issued (e.g. no transit for a total loss). */
export const vehicleCategories = [
  'normal',
  'total_loss',
  'severely_damaged',
  'off_road_no_inspection',
  'home_built',
] as const;
/** A vehicle's registry category. */
export type VehicleCategory = (typeof vehicleCategories)[number];

/**
 * A VIN as a person types it: spaces removed, upper-cased, then checked (length, letters,
 * check digit, model-year code); each problem is reported with its stable code.
 */
export const vinSchema = z
  .string()
  .overwrite(normalizeVin)
  .superRefine((vin, ctx) => {
    for (const problem of vinProblems(vin)) ctx.addIssue(codedIssue(problem.code));
  });

/** A vehicle as described on an ATAC, a transit or a registration. */
export const vehicleSchema = z
  .object({
    vin: vinSchema,
    make: textSchema(40),
    model: textSchema(60),
    year: wholeNumberSchema(1900, 2100),
    type: z.enum(vehicleTypes),
    netMassKg: wholeNumberSchema(1, 100_000),
    condition: z.enum(['new', 'used']),
    odometerKm: wholeNumberSchema(0, 5_000_000),
    colour: textSchema(30).optional(),
    category: z.enum(vehicleCategories).optional(),
  })
  .strict();
/** A vehicle (parsed, normalized). */
export type Vehicle = z.infer<typeof vehicleSchema>;
