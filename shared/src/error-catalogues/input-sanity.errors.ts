import type { BilingualText } from '../bilingual.js';

/**
 * Codes of the rules on people's identity documents and on sane input (places, dates);
 * merged into `errorCatalogue`. Several are sent with a message naming the allowed range or
 * format (the catalogue's text is the generic fallback).
 */
export const inputSanityErrors = {
  invalid_jurisdiction: {
    fr: 'Lieu de délivrance du permis inconnu : une province, un État américain ou un pays.',
    en: 'Unknown licence jurisdiction: a province, a US state or a country.',
  },
  invalid_document_number: {
    fr: 'Numéro de pièce invalide : lettres et chiffres seulement, au plus 20.',
    en: 'Invalid document number: letters and digits only, at most 20.',
  },
  invalid_passport_number: {
    fr: 'Numéro de passeport invalide : 6 à 12 lettres ou chiffres.',
    en: 'Invalid passport number: 6 to 12 letters or digits.',
  },
  identity_document_one: {
    fr: 'Indiquez soit un permis de conduire, soit un passeport (un seul des deux).',
    en: 'Give either a driving licence or a passport (only one of them).',
  },
  quebec_licence_required: {
    fr: "L'immatriculation exige un permis de conduire du Québec pour chaque acheteur.",
    en: 'A registration requires a Québec driving licence for every buyer.',
  },
  non_resident_required: {
    fr: "Le transit de 4 jours pour non-résident exige un titulaire de l'extérieur du Québec : permis ou passeport d'ailleurs et adresse hors Québec.",
    en: 'The 4-day non-resident transit requires a holder from outside Québec: a licence or passport from elsewhere and an address outside Québec.',
  },
  invalid_country: {
    fr: 'Pays inconnu : un code ISO 3166 de 2 lettres (ex. CA, US, FR).',
    en: 'Unknown country: a 2-letter ISO 3166 code (e.g. CA, US, FR).',
  },
  invalid_province: {
    fr: 'Province ou territoire inconnu (AB, BC, MB, NB, NL, NS, NT, NU, ON, PE, QC, SK, YT).',
    en: 'Unknown province or territory (AB, BC, MB, NB, NL, NS, NT, NU, ON, PE, QC, SK, YT).',
  },
  invalid_us_state: {
    fr: 'État américain inconnu : son abréviation postale de 2 lettres (ex. NY, VT).',
    en: 'Unknown US state: its 2-letter postal abbreviation (e.g. NY, VT).',
  },
  invalid_zip_code: {
    fr: 'Code ZIP invalide : 5 chiffres, ou 5 + 4 (ex. 05401-1234).',
    en: 'Invalid ZIP code: 5 digits, or 5 + 4 (e.g. 05401-1234).',
  },
  postal_code_province_mismatch: {
    fr: 'Ce code postal ne correspond pas à la province.',
    en: 'This postal code does not match the province.',
  },
  date_too_far_ahead: {
    fr: 'Date trop éloignée : au plus 30 jours après aujourd’hui.',
    en: 'Date too far ahead: at most 30 days after today.',
  },
  date_before_model_year: {
    fr: "Date antérieure à l'année modèle du véhicule.",
    en: "Date before the vehicle's model year.",
  },
  date_in_future: {
    fr: 'La date ne peut pas être dans le futur.',
    en: 'The date cannot be in the future.',
  },
  person_too_young: {
    fr: 'Un titulaire de permis a au moins 16 ans.',
    en: 'A licence holder is at least 16 years old.',
  },
} satisfies Record<string, BilingualText>;
