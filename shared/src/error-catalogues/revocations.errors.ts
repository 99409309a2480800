import type { BilingualText } from '../bilingual.js';

/**
 * Stable error codes of voided papers and the revocation feed (issue 14: voided papers never
 * print); merged into `errorCatalogue`.
 * `document_voided` itself is in the main catalogue (the verification page used it first).
 */
export const revocationErrors = {
  revocation_feed_invalid: {
    fr: 'Liste d’annulations refusée : elle n’est pas signée par le serveur.',
    en: 'Revocation list refused: it is not signed by the server.',
  },
  revocation_feed_stale: {
    fr: 'Liste d’annulations plus ancienne que celle que l’agent connaît déjà.',
    en: 'Revocation list older than the one the agent already holds.',
  },
  kiosk_pairing_revoked: {
    fr: 'Travail annulé : le jumelage de la borne qui l’a envoyé a été révoqué.',
    en: 'Job cancelled: the pairing of the kiosk that sent it was revoked.',
  },
} as const satisfies Record<string, BilingualText>;
