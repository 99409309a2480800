import { z } from 'zod';
import { codedRefinement } from '../errors.js';
import { followsAtacSchema } from './atac-link.schema.js';
import { partySchema } from './party.schema.js';
import { textSchema } from './primitives.schema.js';
import { vehicleSchema } from './vehicle.schema.js';

/** Transit lengths the regulation allows, in days. */
export const transitDays = [4, 10] as const;
/** A transit length in days. */
export type TransitDays = (typeof transitDays)[number];

/** Why a transit is issued: 4 days for a non-resident driving home, 10 to register at a service point. */
export const transitReasons = [
  'non_resident_driving_home',
  'register_at_service_point',
  'other',
] as const;

/** A request to issue a transit (temporary registration certificate). `reasonText` is required for `other`. */
export const transitIssueSchema = z
  .object({
    vehicle: vehicleSchema,
    holder: partySchema,
    days: z.union([z.literal(4), z.literal(10)]),
    reason: z.enum(transitReasons),
    reasonText: textSchema(200).optional(),
    /** The ATAC of the sale this transit follows (its number is printed on the paper). */
    followsAtac: followsAtacSchema.optional(),
  })
  .strict()
  .refine(
    (transit) => transit.reason !== 'other' || transit.reasonText !== undefined,
    codedRefinement('reason_text_required', ['reasonText'], ['reason', 'reasonText']),
  );
/** A transit issue request (parsed). */
export type TransitIssue = z.infer<typeof transitIssueSchema>;
