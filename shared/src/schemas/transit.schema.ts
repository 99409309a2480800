import { z } from 'zod';
import { codedRefinement } from '../errors.js';
import { partySchema, personIdentity, type Party } from './party.schema.js';
import type { Address } from './address.schema.js';
import { QUEBEC } from '../domain/jurisdictions.js';
import { followsAtacSchema } from './atac-link.schema.js';
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

/**
 * Whether a transit holder lives outside Québec, as the 4-day non-resident transit requires: a
 * person whose licence is from another jurisdiction (or who holds a passport instead) and whose
 * address is not in Québec. A business has an NEQ, Québec's enterprise number: never.
 */
export function isNonResident(holder: Party): boolean {
  if (holder.kind !== 'person') return false;
  const identity = personIdentity(holder);
  if (identity.type === 'driver_licence' && identity.jurisdiction === QUEBEC) return false;
  // Read defensively: the refinement also runs when the address itself failed to parse.
  const address: Address | undefined = holder.address;
  return !(address?.country === 'CA' && address.province === 'QC');
}

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
  )
  .refine(
    (transit) => transit.reason !== 'non_resident_driving_home' || isNonResident(transit.holder),
    codedRefinement('non_resident_required', ['holder'], ['reason', 'holder']),
  );
/** A transit issue request (parsed). */
export type TransitIssue = z.infer<typeof transitIssueSchema>;
