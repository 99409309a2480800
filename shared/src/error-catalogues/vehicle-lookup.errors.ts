import type { BilingualText } from '../bilingual.js';

/**
 * Stable error codes of the vehicle look-up and of the registry's authority over what it knows
 * of a vehicle (issue "The counter"); merged into `errorCatalogue`.
 */
export const vehicleLookupErrors = {
  vehicle_mismatch: {
    fr: 'Le véhicule ne correspond pas au registre : prenez les valeurs du registre.',
    en: "The vehicle does not match the registry: take the registry's values.",
  },
  vehicle_lookup_rate_limited: {
    fr: 'Trop de recherches de véhicules en peu de temps; réessayez dans une minute.',
    en: 'Too many vehicle look-ups in a short time; try again in a minute.',
  },
} as const satisfies Record<string, BilingualText>;
