import {
  apiError,
  fieldError,
  followsAtacSchema,
  fromZodError,
  onlineRegistrationRefusal,
  registrationRequestSchema,
  type ApiError,
  type RegistrationRequest,
} from '@comptoir/shared';
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

/**
 * The draft name a typed registration is kept under until its command is queued (stored on the kiosk: a
 * new name would orphan the drafts already kept).
 */
export const REGISTRATION_FORM = 'registration';

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
  // Drafts saved before plates by mail have neither: the defaults fill them in.
  clientEmail: z.string().default(''),
  clientLanguage: z.enum(['fr', 'en']).default('fr'),
  /** The ATAC this registration was prefilled from (drafts kept before the link have none). */
  followsAtac: followsAtacSchema.optional(),
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
    clientEmail: '',
    clientLanguage: 'fr',
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
    ...(values.clientEmail.trim()
      ? { clientNotice: { email: values.clientEmail, language: values.clientLanguage } }
      : {}),
    ...(values.followsAtac && { followsAtac: values.followsAtac }),
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
    clientEmail: payload.clientNotice?.email ?? '',
    clientLanguage: payload.clientNotice?.language ?? 'fr',
    ...(payload.followsAtac && { followsAtac: payload.followsAtac }),
  };
}

/** Which field a registration eligibility refusal points at. */
const refusalPath = {
  registration_vehicle_type: 'vehicle.type',
  registration_too_heavy: 'vehicle.netMassKg',
  registration_co_owned: 'buyers',
} as const;

/**
 * Why a registration payload cannot be saved, known before it is queued: its shape (every
 * failing field at once), then the eligibility rules of online registration (type, mass, a
 * single owner). They are the shared rules, applied here first so the person hears at once,
 * offline too, that a co-owned vehicle goes to a service point with the ATAC; the server
 * applies them again. Undefined when the registration may be queued.
 */
export function registrationRefusal(input: unknown): ApiError | undefined {
  const parsed = registrationRequestSchema.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const refusal = onlineRegistrationRefusal(parsed.data.vehicle, parsed.data.buyers.length);
  return refusal ? apiError(refusal, [fieldError(refusalPath[refusal], refusal)]) : undefined;
}
