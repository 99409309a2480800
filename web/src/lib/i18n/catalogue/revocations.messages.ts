/**
 * Texts for papers the kiosk no longer offers to print (voided or expired; issue 14), French
 * first; merged into the one catalogue, `messages`.
 */
export const revocationMessages = {
  'print.refused.document_voided': {
    fr: 'Document annulé : il ne peut plus être imprimé.',
    en: 'Document voided: it can no longer be printed.',
  },
  'print.refused.token_expired': {
    fr: 'Document expiré : il ne peut plus être imprimé.',
    en: 'Document expired: it can no longer be printed.',
  },
} as const;
