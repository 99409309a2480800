import type { BilingualText } from '../bilingual.js';

/** Stable error codes of authority staff actions, caps and over-cap requests, voiding, ownership history, checks, bank account (Registry services); merged into `errorCatalogue`. */
export const staffErrors = {
  licence_unknown: {
    fr: 'Numéro de licence inconnu.',
    en: 'Unknown licence number.',
  },
  cap_request_unknown: {
    fr: 'Demande de dépassement de plafond introuvable.',
    en: 'Over-cap request not found.',
  },
  cap_request_decided: {
    fr: 'Cette demande a déjà reçu une autre décision.',
    en: 'This request already received another decision.',
  },
  cap_request_pending: {
    fr: 'Une demande de dépassement de ce plafond attend déjà une décision pour cette licence.',
    en: 'An over-cap request for this cap is already waiting for a decision for this licence.',
  },
  vehicle_unknown: {
    fr: "Ce NIV n'est pas inscrit au registre.",
    en: 'This VIN is not in the registry.',
  },
  licence_no_address: {
    fr: "Aucune adresse de livraison n'est au dossier de cette licence : communiquez avec la SAAQ.",
    en: 'No delivery address is on file for this licence: contact the authority.',
  },
  audit_window_reversed: {
    fr: 'La date de début doit précéder la date de fin.',
    en: 'The start date must come before the end date.',
  },
} as const satisfies Record<string, BilingualText>;
