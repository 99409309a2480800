/** Texts of the forms that follow an ATAC (French first); merged into the one catalogue, `messages`. */
export const atacFollowUpMessages = {
  'atacFollowUp.title': { fr: 'Suite de la vente', en: 'Next for this sale' },
  'atacFollowUp.transit': { fr: 'Émettre un transit', en: 'Issue a transit' },
  'atacFollowUp.register': { fr: 'Immatriculer', en: 'Register' },
  'atacFollowUp.fromAtac': {
    fr: "Prérempli à partir de l'ATAC {number} : vérifiez, puis saisissez seulement ce qui diffère.",
    en: 'Prefilled from ATAC {number}: check it, then type only what differs.',
  },
  'atacFollowUp.fromQueuedAtac': {
    fr: "Prérempli à partir de l'ATAC en attente de synchronisation : son numéro sera inscrit à l'envoi.",
    en: 'Prefilled from the ATAC waiting to sync: its number is recorded when it is sent.',
  },
  'atacFollowUp.notFound': {
    fr: 'Cette ATAC est introuvable sur ce poste : le formulaire est vide.',
    en: 'This ATAC is not on this kiosk: the form is blank.',
  },
} as const;
