import { followsAtacSchema, transitReasons, type TransitIssue } from '@comptoir/shared';
import { z } from 'zod';
import {
  emptyParty,
  emptyVehicle,
  partyValuesOf,
  toPartyInput,
  toVehicleInput,
  vehicleValuesOf,
  partyValuesSchema,
  vehicleValuesSchema,
} from './form-values';

/**
 * The draft name a typed transit is kept under until its command is queued (stored on the kiosk: a
 * new name would orphan the drafts already kept).
 */
export const TRANSIT_FORM = 'transit';

/** The transit form as typed. */
export const transitValuesSchema = z.object({
  vehicle: vehicleValuesSchema,
  holder: partyValuesSchema,
  days: z.union([z.literal(4), z.literal(10)]),
  reason: z.enum(transitReasons),
  reasonText: z.string(),
  /** The ATAC this transit was prefilled from (drafts kept before the link have none). */
  followsAtac: followsAtacSchema.optional(),
});
/** The transit form as typed. */
export type TransitValues = z.infer<typeof transitValuesSchema>;

/** An empty transit form: 10 days to register at a service point, the common case. */
export function emptyTransit(): TransitValues {
  return {
    vehicle: emptyVehicle(),
    holder: emptyParty(),
    days: 10,
    reason: 'register_at_service_point',
    reasonText: '',
  };
}

/** The `transit.issue` payload for the shared schema to parse. */
export function toTransitInput(values: TransitValues): Record<string, unknown> {
  return {
    vehicle: toVehicleInput(values.vehicle),
    holder: toPartyInput(values.holder),
    days: Number(values.days),
    reason: values.reason,
    ...(values.reasonText.trim() ? { reasonText: values.reasonText } : {}),
    ...(values.followsAtac && { followsAtac: values.followsAtac }),
  };
}

/** A queued transit back into the form. */
export function transitValuesOf(payload: TransitIssue): TransitValues {
  return {
    vehicle: vehicleValuesOf(payload.vehicle),
    holder: partyValuesOf(payload.holder),
    days: payload.days,
    reason: payload.reason,
    reasonText: payload.reasonText ?? '',
    ...(payload.followsAtac && { followsAtac: payload.followsAtac }),
  };
}
