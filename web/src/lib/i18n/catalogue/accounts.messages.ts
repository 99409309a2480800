/** Texts of sign-up, sign-in, accounts, sessions and re-authentication screens (French first); merged into the one catalogue, `messages`. */
export const accountMessages = {
  'signIn.oidc': { fr: 'Se connecter avec {name}', en: 'Sign in with {name}' },
  'signIn.or': { fr: 'ou', en: 'or' },
  'signIn.signUpAdministrator': {
    fr: 'Inscrire l’administrateur d’un commerçant',
    en: 'Sign up a dealer’s administrator',
  },
  'signIn.signUpEmployee': {
    fr: 'Créer mon compte avec un code d’accès',
    en: 'Create my account with an access code',
  },

  'signup.adminTitle': {
    fr: 'Inscription de l’administrateur',
    en: 'Administrator sign-up',
  },
  'signup.adminIntro': {
    fr: 'L’administrateur s’inscrit en premier. Il doit figurer comme administrateur de l’entreprise au Registraire des entreprises, ou être le particulier en affaires lui-même.',
    en: 'The administrator signs up first. They must be listed as an administrator of the enterprise at the enterprise registry, or be the sole proprietor themself.',
  },
  'signup.employeeTitle': {
    fr: 'Inscription d’un employé (commerçant agréé)',
    en: 'Employee sign-up (accredited dealer)',
  },
  'signup.employeeIntro': {
    fr: 'Entrez le code d’accès personnel de 8 caractères que la SAAQ vous a remis. Il ne sert qu’une fois et ne se partage pas.',
    en: 'Enter the 8-character personal access code the SAAQ gave you. It works once and cannot be shared.',
  },
  'signup.neq': { fr: 'NEQ de l’entreprise', en: 'Enterprise NEQ' },
  'signup.firstName': { fr: 'Prénom', en: 'First name' },
  'signup.lastName': { fr: 'Nom', en: 'Last name' },
  'signup.driverLicence': { fr: 'Numéro de permis de conduire', en: 'Driving licence number' },
  'signup.accessCode': { fr: 'Code d’accès', en: 'Access code' },
  'signup.username': { fr: 'Nom d’utilisateur', en: 'Username' },
  'signup.password': {
    fr: 'Mot de passe (12 caractères ou plus, lettres et chiffres)',
    en: 'Password (12 characters or more, letters and digits)',
  },
  'signup.submit': { fr: 'Créer le compte', en: 'Create the account' },
  'signup.done': {
    fr: 'Compte {username} créé. Connectez-vous pour l’activer (première connexion depuis le Canada ou les États-Unis).',
    en: 'Account {username} created. Sign in to activate it (first sign-in from Canada or the United States).',
  },
  'signup.toSignIn': { fr: 'Aller à la connexion', en: 'Go to sign-in' },

  'accounts.title': { fr: 'Comptes et sessions', en: 'Accounts and sessions' },
  'accounts.genericTitle': { fr: 'Comptes génériques', en: 'Generic accounts' },
  'accounts.genericIntro': {
    fr: 'Comptes partagés de la salle de montre, choisis par vous (nom d’utilisateur et mot de passe).',
    en: 'Shared showroom accounts, chosen by you (username and password).',
  },
  'accounts.accredited': {
    fr: 'Commerçant agréé : chaque employé crée son compte personnel avec un code d’accès de la SAAQ.',
    en: 'Accredited dealer: each employee creates a personal account with an access code from the SAAQ.',
  },
  'accounts.none': { fr: 'Aucun compte générique.', en: 'No generic account.' },
  'accounts.displayName': { fr: 'Nom affiché', en: 'Display name' },
  'accounts.create': { fr: 'Créer le compte', en: 'Create the account' },
  'accounts.created': { fr: 'Compte {username} créé.', en: 'Account {username} created.' },
  'accounts.rename': { fr: 'Renommer', en: 'Rename' },
  'accounts.newName': {
    fr: 'Nouveau nom affiché de {username}',
    en: 'New display name of {username}',
  },
  'accounts.disable': { fr: 'Désactiver', en: 'Disable' },
  'accounts.enable': { fr: 'Réactiver', en: 'Enable' },
  'accounts.disabled': { fr: 'désactivé', en: 'disabled' },
  'accounts.resetPassword': { fr: 'Nouveau mot de passe', en: 'New password' },
  'accounts.newPassword': {
    fr: 'Nouveau mot de passe de {username}',
    en: 'New password of {username}',
  },
  'accounts.save': { fr: 'Enregistrer', en: 'Save' },
  'accounts.cancel': { fr: 'Annuler', en: 'Cancel' },
  'accounts.saved': { fr: 'Modification enregistrée.', en: 'Change saved.' },
  'sessions.title': { fr: 'Sessions ouvertes', en: 'Open sessions' },
  'sessions.none': { fr: 'Aucune session ouverte.', en: 'No open session.' },
  'sessions.since': {
    fr: '{name} — depuis {time}, dernière activité {last}',
    en: '{name} — since {time}, last activity {last}',
  },
  'sessions.current': { fr: '(cette session)', en: '(this session)' },
  'sessions.end': { fr: 'Terminer', en: 'End' },
  'sessions.ended': { fr: 'Session terminée.', en: 'Session ended.' },

  'codes.title': { fr: 'Codes d’accès des employés', en: 'Employee access codes' },
  'codes.intro': {
    fr: 'Délivrez le code d’accès personnel d’un employé d’un commerçant agréé. Le code n’est affiché qu’une fois.',
    en: 'Issue the personal access code of an accredited dealer’s employee. The code is shown only once.',
  },
  'codes.submit': { fr: 'Délivrer le code', en: 'Issue the code' },
  'codes.issued': {
    fr: 'Code d’accès de {name} ({dealer}), valide jusqu’au {date} :',
    en: 'Access code of {name} ({dealer}), valid until {date}:',
  },
  'codes.once': {
    fr: 'Notez-le maintenant : il ne sera plus jamais affiché.',
    en: 'Write it down now: it will never be shown again.',
  },

  'reauth.title': { fr: 'Confirmez votre identité', en: 'Confirm your identity' },
  'reauth.intro': {
    fr: 'Cette action est sensible : entrez de nouveau votre mot de passe.',
    en: 'This action is sensitive: enter your password again.',
  },
  'reauth.password': { fr: 'Mot de passe', en: 'Password' },
  'reauth.confirm': { fr: 'Confirmer', en: 'Confirm' },
  'reauth.cancel': { fr: 'Annuler', en: 'Cancel' },
  'reauth.provider': {
    fr: 'Se reconnecter auprès du service d’authentification',
    en: 'Sign in again at the identity provider',
  },
  'nav.accounts': { fr: 'Comptes', en: 'Accounts' },
  'nav.accessCodes': { fr: 'Codes d’accès', en: 'Access codes' },
} as const satisfies Record<string, { fr: string; en: string }>;
