/** Texts of kiosk enrolment, operator PIN, lock screen and offline unlock (French first); merged into the one catalogue, `messages`. */
export const kioskAccessMessages = {
  'lock.title': { fr: 'Poste verrouillé', en: 'Kiosk locked' },
  'lock.intro': {
    fr: 'Le poste s’est verrouillé après une période sans activité. Le travail de la personne précédente est gardé, mais rien n’en est affiché.',
    en: 'The kiosk locked itself after a while without activity. The previous person’s work is kept, but none of it is shown.',
  },
  'lock.signInOnline': { fr: 'Se connecter', en: 'Sign in' },
  'lock.offlineTitle': { fr: 'Déverrouiller hors ligne', en: 'Unlock offline' },
  'lock.offlineHint': {
    fr: 'Si vous vous êtes connecté en ligne sur ce poste depuis moins de {hours} h, entrez votre secret de déverrouillage.',
    en: 'If you signed in online on this kiosk less than {hours} h ago, enter your unlock secret.',
  },
  'lock.username': { fr: 'Nom d’utilisateur', en: 'Username' },
  'lock.secret': { fr: 'Secret de déverrouillage', en: 'Unlock secret' },
  'lock.unlock': { fr: 'Déverrouiller', en: 'Unlock' },
  'lock.unknown': {
    fr: 'Aucun secret de déverrouillage pour ce nom sur ce poste. Connectez-vous en ligne.',
    en: 'No unlock secret for this name on this kiosk. Sign in online.',
  },
  'lock.expired': {
    fr: 'Votre dernière connexion en ligne sur ce poste est trop ancienne. Connectez-vous en ligne.',
    en: 'Your last online sign-in on this kiosk is too old. Sign in online.',
  },
  'lock.wrongSecret': { fr: 'Secret incorrect.', en: 'Wrong secret.' },
  'lock.wait': {
    fr: 'Trop d’essais. Réessayez dans {seconds} s.',
    en: 'Too many tries. Try again in {seconds} s.',
  },
  'nav.lock': { fr: 'Verrouiller', en: 'Lock' },
  'lock.operatorTitle': { fr: 'Qui êtes-vous?', en: 'Who are you?' },
  'lock.operatorHint': {
    fr: 'Choisissez votre nom et entrez votre NIP : votre travail sera à votre nom.',
    en: 'Pick your name and enter your PIN: your work will be in your name.',
  },
  'lock.operator': { fr: 'Votre nom', en: 'Your name' },
  'lock.pin': { fr: 'NIP', en: 'PIN' },
  'lock.wrongPin': { fr: 'NIP incorrect.', en: 'Wrong PIN.' },
  'lock.operatorNow': { fr: 'Opérateur : {name}', en: 'Operator: {name}' },
  'operators.title': { fr: 'Opérateurs du compte générique', en: 'Generic account operators' },
  'operators.hint': {
    fr: 'Chaque personne qui travaille sous le compte générique déverrouille le poste avec son NIP (4 à 6 chiffres), pour que chaque document porte son nom.',
    en: 'Each person working under the generic account unlocks the kiosk with their PIN (4 to 6 digits), so that every document names them.',
  },
  'operators.name': { fr: 'Nom', en: 'Name' },
  'operators.pin': { fr: 'NIP (4 à 6 chiffres)', en: 'PIN (4 to 6 digits)' },
  'operators.add': { fr: 'Ajouter', en: 'Add' },
  'operators.disable': { fr: 'Désactiver', en: 'Disable' },
  'operators.disabled': { fr: 'désactivé', en: 'disabled' },

  'kioskAccess.enrolTitle': { fr: 'Inscription du poste', en: 'Kiosk enrolment' },
  'kioskAccess.enrolHint': {
    fr: 'Un administrateur du commerçant inscrit ce poste une seule fois. Le poste peut ensuite transmettre le travail fait hors ligne par chaque personne qui s’y est connectée.',
    en: 'An administrator of the dealer enrols this kiosk once. The kiosk can then send the work each person who signed in on it did offline.',
  },
  'kioskAccess.name': { fr: 'Nom du poste', en: 'Kiosk name' },
  'kioskAccess.location': { fr: 'Emplacement', en: 'Location' },
  'kioskAccess.showroom': { fr: 'Salle de montre', en: 'Showroom' },
  'kioskAccess.deliveryBay': { fr: 'Aire de livraison', en: 'Delivery bay' },
  'kioskAccess.enrol': { fr: 'Inscrire ce poste', en: 'Enrol this kiosk' },
  'kioskAccess.enrolled': {
    fr: 'Poste inscrit : {name} ({location}).',
    en: 'Kiosk enrolled: {name} ({location}).',
  },
  'kioskAccess.notEnrolled': {
    fr: 'Ce poste n’est pas inscrit.',
    en: 'This kiosk is not enrolled.',
  },
  'kioskAccess.adminOnly': {
    fr: 'Seul un administrateur du commerçant peut inscrire le poste.',
    en: 'Only an administrator of the dealer can enrol the kiosk.',
  },
  'kioskAccess.offlineTitle': { fr: 'Déverrouillage hors ligne', en: 'Offline unlock' },
  'kioskAccess.offlineHint': {
    fr: 'Choisissez un secret (au moins {min} caractères) pour déverrouiller ce poste sans Internet pendant {hours} h après cette connexion.',
    en: 'Choose a secret (at least {min} characters) to unlock this kiosk without internet for {hours} h after this sign-in.',
  },
  'kioskAccess.suggestSecret': {
    fr: 'Déverrouillage hors ligne (facultatif)',
    en: 'Offline unlock (optional)',
  },
  'kioskAccess.secret': { fr: 'Secret de déverrouillage', en: 'Unlock secret' },
  'kioskAccess.secretConfirm': { fr: 'Confirmez le secret', en: 'Confirm the secret' },
  'kioskAccess.setSecret': { fr: 'Enregistrer le secret', en: 'Save the secret' },
  'kioskAccess.secretSet': {
    fr: 'Secret enregistré sur ce poste.',
    en: 'Secret saved on this kiosk.',
  },
  'kioskAccess.secretTooShort': {
    fr: 'Le secret doit compter au moins {min} caractères.',
    en: 'The secret must have at least {min} characters.',
  },
  'kioskAccess.secretMismatch': {
    fr: 'Les deux secrets ne sont pas identiques.',
    en: 'The two secrets differ.',
  },
  'kioskAccess.needsOnline': {
    fr: 'Le secret se choisit pendant une connexion en ligne.',
    en: 'The secret is chosen while signed in online.',
  },
  'kioskAccess.windowHours': {
    fr: 'Fenêtre hors ligne (heures, 1 à 12)',
    en: 'Offline window (hours, 1 to 12)',
  },
  'kioskAccess.saveWindow': { fr: 'Enregistrer', en: 'Save' },
} as const satisfies Record<string, { fr: string; en: string }>;
