import type { BilingualText } from '../bilingual.js';

/** Stable error codes of registration, inventory, plate X, fees and bank debits (Registry services); merged into `errorCatalogue`. */
export const registrationErrors = {
  registration_not_found: {
    fr: 'Aucune immatriculation ne porte ce numéro sous cette licence.',
    en: 'No registration has this number under this licence.',
  },
  registration_not_confirmed: {
    fr: 'Seule une immatriculation confirmée peut être annulée.',
    en: 'Only a confirmed registration can be cancelled.',
  },
  registration_already_cancelled: {
    fr: 'Cette immatriculation est déjà annulée.',
    en: 'This registration is already cancelled.',
  },
  registration_hold_unknown: {
    fr: 'La transaction en attente que cette modification remplace est introuvable; enregistrez-la de nouveau.',
    en: 'The held transaction this change replaces cannot be found; save it again.',
  },
  registration_no_fee: {
    fr: "Aucun tarif d'immatriculation n'est en vigueur cette année pour ce type de véhicule.",
    en: 'No registration fee is in force this year for this vehicle type.',
  },
} as const satisfies Record<string, BilingualText>;
