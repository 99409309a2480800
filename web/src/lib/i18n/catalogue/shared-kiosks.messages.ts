/** Texts of shared kiosks (why the lock came, "not me" on the PIN screen, the kiosk of another dealer) and of the copies chosen at print time (French first); merged into the one catalogue, `messages`. */
export const sharedKioskMessages = {
  'lock.introManual': {
    fr: 'Le poste a été verrouillé à la demande de la personne qui l’utilisait. Son travail est gardé, mais rien n’en est affiché.',
    en: 'The kiosk was locked by the person using it. Their work is kept, but none of it is shown.',
  },
  'lock.reasonIdle': {
    fr: 'Verrouillé après une période sans activité.',
    en: 'Locked after a while without activity.',
  },
  'lock.reasonManual': {
    fr: 'Verrouillé à la demande de la personne précédente.',
    en: 'Locked by the previous person.',
  },
  'lock.notMe': { fr: 'Pas moi', en: 'Not me' },
  'lock.pinFor': { fr: 'NIP de {name}', en: 'PIN of {name}' },
  'lock.otherAccount': { fr: 'Changer de compte', en: 'Change account' },
  'kioskDealer.enrolledFor': {
    fr: 'Ce poste est inscrit au nom de {dealer}.',
    en: 'This kiosk is enrolled for {dealer}.',
  },
  'kioskDealer.otherDealer': {
    fr: 'Ce poste est inscrit au nom d’un autre commerçant ({dealer}) : le travail fait ici ne pourra pas être transmis sous vos licences. Utilisez un poste de votre commerce, ou demandez à votre administrateur d’inscrire celui-ci.',
    en: 'This kiosk is enrolled for another dealer ({dealer}): work done here cannot be sent under your licences. Use one of your dealership’s kiosks, or ask your administrator to enrol this one.',
  },
  'kioskDealer.continue': { fr: 'Continuer quand même', en: 'Continue anyway' },
  'copies.legend': { fr: 'Exemplaires à imprimer', en: 'Copies to print' },
  'copies.customer': { fr: 'Client', en: 'Customer' },
  'copies.dealerFile': { fr: 'Dossier du commerçant', en: 'Dealer’s file' },
  'copies.hint': {
    fr: 'Le premier exemplaire est l’original; les autres portent la mention COPIE.',
    en: 'The first sheet is the original; the others are marked COPY.',
  },
} as const satisfies Record<string, { fr: string; en: string }>;
