/** Texts of a person's identity document and address places (French first); merged into `messages`. */
export const identityDocumentMessages = {
  'party.identityDocument': { fr: "Pièce d'identité", en: 'Identity document' },
  'party.identity.driver_licence': { fr: 'Permis de conduire', en: 'Driving licence' },
  'party.identity.passport': {
    fr: 'Passeport (aucun permis)',
    en: 'Passport (no licence)',
  },
  'party.licenceJurisdiction': {
    fr: 'Permis délivré par',
    en: 'Licence issued by',
  },
  'party.passportCountry': { fr: 'Pays du passeport', en: 'Passport country' },
  'party.passportNumber': { fr: 'Numéro de passeport', en: 'Passport number' },
  'address.state': { fr: 'État', en: 'State' },
  'address.region': { fr: 'Région', en: 'Region' },
  'address.zip': { fr: 'Code ZIP', en: 'ZIP code' },
  'place.canada': { fr: 'Canada', en: 'Canada' },
  'place.unitedStates': { fr: 'États-Unis', en: 'United States' },
  'place.otherCountries': { fr: 'Autres pays', en: 'Other countries' },
} as const;
