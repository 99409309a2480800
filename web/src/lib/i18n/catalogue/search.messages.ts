/**
 * Texts of finding a paper (the search box, the list views) and of the staff console with its
 * readable journal (issue "The finish"), French first; merged into the one catalogue, `messages`.
 */
export const searchMessages = {
  'search.label': {
    fr: 'Rechercher un document (NIV ou 6 derniers caractères, nom du client, numéro, plaque)',
    en: 'Find a paper (VIN or its last 6, customer name, number, plate)',
  },
  'search.submit': { fr: 'Chercher', en: 'Search' },
  'search.clear': { fr: 'Effacer la recherche', en: 'Clear the search' },
  'search.results': { fr: 'Résultats de la recherche', en: 'Search results' },
  'search.none': {
    fr: 'Aucun document ne correspond, quelle que soit la date.',
    en: 'No paper matches, whatever its date.',
  },
  'search.offline': {
    fr: 'Hors ligne : recherche parmi les documents gardés sur ce poste seulement.',
    en: 'Offline: searching only the papers kept on this kiosk.',
  },
  'search.truncated': {
    fr: 'Les {n} plus récents sont affichés; précisez la recherche pour voir les autres.',
    en: 'The {n} most recent are shown; narrow the search to see the others.',
  },
  'search.count': { fr: '{n} document(s) trouvé(s).', en: '{n} paper(s) found.' },
  'search.kind': { fr: 'Document', en: 'Paper' },
  'search.customer': { fr: 'Client', en: 'Customer' },

  'kind.atac': { fr: 'ATAC', en: 'ATAC' },
  'kind.transit': { fr: 'Certificat de transit', en: 'Transit certificate' },
  'kind.provisional_plate': { fr: 'Plaque provisoire', en: 'Provisional plate' },
  'kind.registration_certificate': {
    fr: "Certificat d'immatriculation",
    en: 'Registration certificate',
  },
  'kind.proof_of_service': { fr: 'Preuve de service', en: 'Proof of service' },
  'kind.proof_of_registration': { fr: "Preuve d'enregistrement", en: 'Proof of registration' },
  'kind.proof_of_cancellation': { fr: "Preuve d'annulation", en: 'Proof of cancellation' },
  'kind.receipt': { fr: 'Reçu', en: 'Receipt' },

  'documentStatus.valid': { fr: 'Valide', en: 'Valid' },
  'documentStatus.expired': { fr: 'Expiré', en: 'Expired' },
  'documentStatus.voided': { fr: 'Annulé', en: 'Voided' },
  'documentStatus.unknown': { fr: 'Inconnu', en: 'Unknown' },

  'view.label': { fr: 'Afficher', en: 'Show' },
  'view.window': { fr: 'Par période', en: 'By period' },
  'view.today': { fr: "Aujourd'hui", en: 'Today' },
  'view.mine': { fr: 'Mon travail', en: 'My work' },
  'view.attention': { fr: 'À traiter', en: 'Needs attention' },
  'view.attentionHint': {
    fr: 'Transactions refusées à corriger et documents qui expirent dans les 2 prochains jours.',
    en: 'Refused transactions to correct and papers expiring within the next 2 days.',
  },
  'view.attentionNone': { fr: 'Rien à traiter.', en: 'Nothing needs attention.' },
  'list.windowReversed': {
    fr: 'La date de début doit précéder la date de fin.',
    en: 'The start date must come before the end date.',
  },

  'console.title': { fr: "Console de l'autorité", en: "Authority's console" },
  'console.lookupLabel': {
    fr: 'Trouver une licence, un document ou un véhicule (numéro de licence, numéro de document, NIV)',
    en: 'Find a licence, a paper or a vehicle (licence number, document number, VIN)',
  },
  'console.lookup': { fr: 'Trouver', en: 'Find' },
  'console.licenceFound': { fr: 'Licence {number} — {name}', en: 'Licence {number} — {name}' },
  'console.licenceSuspended': { fr: 'suspendue', en: 'suspended' },
  'console.licenceActive': { fr: 'active', en: 'active' },
  'console.openLicence': { fr: 'Gérer cette licence', en: 'Manage this licence' },
  'console.openJournal': { fr: 'Voir son journal', en: 'See its journal' },
  'console.voidDocument': { fr: 'Annuler ce document', en: 'Void this paper' },
  'console.nothing': {
    fr: 'Rien trouvé pour « {text} ».',
    en: 'Nothing found for "{text}".',
  },
  'console.sections': { fr: 'Sections', en: 'Sections' },

  'journal.search': { fr: 'Chercher dans le journal', en: 'Search the journal' },
  'journal.document': { fr: 'Numéro de document ou NIV', en: 'Document number or VIN' },
  'journal.person': { fr: "Personne (nom d'utilisateur)", en: 'Person (username)' },
  'journal.what': { fr: 'Ce qui s’est passé', en: 'What happened' },
  'journal.raw': { fr: "Voir l'enregistrement brut", en: 'See the raw record' },
  'journal.someone': { fr: 'Quelqu’un', en: 'Someone' },
  'journal.system': { fr: 'Le système', en: 'The system' },
} as const;
