import type { RegistrationRequest } from '@comptoir/shared';
import { z } from 'zod';
import {
  emptyParty,
  emptyVehicle,
  fromCents,
  partyValuesOf,
  partyValuesSchema,
  toCents,
  toPartyInput,
  toVehicleInput,
  vehicleValuesOf,
  vehicleValuesSchema,
} from './form-values';

/** The registration (immatriculation) form as typed, saved on hold. */
export const registrationValuesSchema = z.object({
  vehicle: vehicleValuesSchema,
  buyers: z.array(partyValuesSchema).min(1),
  holderIndex: z.number().int().min(0),
  hasSeller: z.boolean(),
  seller: partyValuesSchema,
  hasTradeIn: z.boolean(),
  tradeInVin: z.string(),
  tradeInAllowance: z.string(),
  atacNumber: z.string(),
});
/** The registration form as typed. */
export type RegistrationValues = z.infer<typeof registrationValuesSchema>;

/** An empty registration form: one buyer, who holds the registration. */
export function emptyRegistration(): RegistrationValues {
  return {
    vehicle: emptyVehicle(),
    buyers: [emptyParty()],
    holderIndex: 0,
    hasSeller: false,
    seller: emptyParty(),
    hasTradeIn: false,
    tradeInVin: '',
    tradeInAllowance: '',
    atacNumber: '',
  };
}

/** The `registration.hold` payload for the shared schema to parse. */
export function toRegistrationInput(values: RegistrationValues): Record<string, unknown> {
  return {
    vehicle: toVehicleInput(values.vehicle),
    buyers: values.buyers.map(toPartyInput),
    holderIndex: values.holderIndex,
    ...(values.hasSeller ? { seller: toPartyInput(values.seller) } : {}),
    ...(values.hasTradeIn
      ? {
          tradeIn: { vin: values.tradeInVin, allowanceCents: toCents(values.tradeInAllowance) },
        }
      : {}),
    ...(values.atacNumber.trim() ? { atacNumber: values.atacNumber } : {}),
  };
}

/** A queued registration back into the form (correcting a refused command). */
export function registrationValuesOf(payload: RegistrationRequest): RegistrationValues {
  return {
    vehicle: vehicleValuesOf(payload.vehicle),
    buyers: payload.buyers.map(partyValuesOf),
    holderIndex: payload.holderIndex,
    hasSeller: payload.seller !== undefined,
    seller: payload.seller ? partyValuesOf(payload.seller) : emptyParty(),
    hasTradeIn: payload.tradeIn !== undefined,
    tradeInVin: payload.tradeIn?.vin ?? '',
    tradeInAllowance: payload.tradeIn ? fromCents(payload.tradeIn.allowanceCents) : '',
    atacNumber: payload.atacNumber ?? '',
  };
}
