import type { BilingualText } from '../bilingual.js';

/** Stable error codes of the recovery after a restore (docs/sync.md#epochs-after-a-restore). */
export const recoveryErrors = {
  epoch_mismatch: {
    fr: 'Le serveur a changé d’époque depuis; resynchronisez le poste.',
    en: 'The server has moved to another epoch since; resync the kiosk.',
  },
  recovery_signature_invalid: {
    fr: 'Ce document ne porte pas une signature valide du serveur.',
    en: 'This document does not carry a valid server signature.',
  },
  recovery_mismatch: {
    fr: 'Les documents envoyés ne correspondent pas au résultat de la commande.',
    en: 'The documents sent do not match the command’s result.',
  },
  recovery_number_collision: {
    fr: 'Ce numéro a déjà été attribué à un autre document.',
    en: 'This number was already given to another document.',
  },
} as const satisfies Record<string, BilingualText>;
