/**
 * Texts of a licence the authority suspended (issue 14, refusals before the form), French
 * first; merged into the one catalogue, `messages`.
 */
export const licenceSuspensionMessages = {
  'suspension.badge': { fr: 'Suspendue', en: 'Suspended' },
  'suspension.notice': {
    fr: 'La licence {number} est suspendue par la SAAQ : aucun document ne peut être émis sous cette licence. Les vérifications et la consultation restent ouvertes.',
    en: 'Licence {number} is suspended by the SAAQ: no document may be issued under it. Checks and viewing stay open.',
  },
  'suspension.tileReason': {
    fr: 'Indisponible : licence suspendue',
    en: 'Unavailable: licence suspended',
  },
} as const;
