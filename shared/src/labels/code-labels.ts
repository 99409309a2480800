import type { BilingualText } from '../bilingual.js';

/**
 * The one label catalogue of the registry's codes: every enum value, status, role, printer
 * role, paper size and reason a person may read, in both languages. The papers print
 * `fr / en` from it (`paperLabel`), the screens show one language from it (the kiosk's
 * `label()`): the same words on screen and on paper. A code without a label here shows as
 * is, which the all-routes plain-text spec refuses on any screen.
 */
const codeLabels: Readonly<Record<string, BilingualText>> = {
  // transactions
  sale: { fr: 'Vente', en: 'Sale' },
  lease: { fr: 'Location', en: 'Lease' },
  registration: { fr: 'Immatriculation', en: 'Registration' },
  inventory_record: { fr: 'Enregistrement en inventaire', en: 'Inventory record' },
  // vehicle condition and types
  new: { fr: 'Neuf', en: 'New' },
  used: { fr: 'Occasion', en: 'Used' },
  automobile: { fr: 'Automobile', en: 'Automobile' },
  light_truck: { fr: 'Camionnette', en: 'Light truck' },
  suv: { fr: 'VUS', en: 'SUV' },
  motorcycle: { fr: 'Motocyclette', en: 'Motorcycle' },
  atv: { fr: 'Véhicule tout-terrain', en: 'All-terrain vehicle' },
  snowmobile: { fr: 'Motoneige', en: 'Snowmobile' },
  heavy_truck: { fr: 'Camion lourd', en: 'Heavy truck' },
  bus: { fr: 'Autobus', en: 'Bus' },
  motorhome: { fr: 'Autocaravane', en: 'Motorhome' },
  trailer: { fr: 'Remorque', en: 'Trailer' },
  // transit reasons
  non_resident_driving_home: {
    fr: 'Acheteur non-résident qui retourne chez lui',
    en: 'Non-resident buyer driving home',
  },
  register_at_service_point: {
    fr: "Immatriculation à un point de service avec l'ATAC",
    en: 'Registration at a service point with the ATAC',
  },
  // registration use
  // On paper both languages stand side by side: `Promenade / Passenger`, said once.
  promenade: { fr: 'Promenade', en: 'Passenger' },
  // cancellation reasons
  entry_error: { fr: 'Erreur de saisie', en: 'Entry error' },
  sale_cancelled: { fr: 'Vente annulée', en: 'Sale cancelled' },
  wrong_vehicle: { fr: 'Mauvais véhicule', en: 'Wrong vehicle' },
  // shared
  other: { fr: 'Autre', en: 'Other' },
  // document and licence statuses
  valid: { fr: 'Valide', en: 'Valid' },
  expired: { fr: 'Expiré', en: 'Expired' },
  voided: { fr: 'Annulé', en: 'Voided' },
  unknown: { fr: 'Inconnu', en: 'Unknown' },
  suspended: { fr: 'Suspendu', en: 'Suspended' },
  // requests (over-cap) and registrations
  pending: { fr: 'En attente', en: 'Pending' },
  approved: { fr: 'Acceptée', en: 'Approved' },
  refused: { fr: 'Refusée', en: 'Refused' },
  on_hold: { fr: 'En attente de confirmation', en: 'On hold' },
  final: { fr: 'Confirmée', en: 'Confirmed' },
  // roles
  generic_employee: { fr: 'Compte générique (salle de montre)', en: 'Generic (showroom) account' },
  accredited_employee: { fr: 'Employé accrédité', en: 'Accredited employee' },
  administrator: { fr: 'Administrateur', en: 'Administrator' },
  authority_staff: { fr: "Personnel de l'autorité", en: 'Authority staff' },
  // printer roles and paper
  plate: { fr: 'Plaque', en: 'Plate' },
  certificate: { fr: 'Certificat', en: 'Certificate' },
  atac: { fr: 'ATAC', en: 'ATAC' },
  receipt: { fr: 'Reçu', en: 'Receipt' },
  letter: { fr: 'Lettre (8,5 × 11 po)', en: 'Letter (8.5 × 11 in)' },
  '80mm': { fr: 'Rouleau de 80 mm', en: '80 mm roll' },
  // printer states (the agent's page and the kiosk say the same)
  ready: { fr: 'Prête', en: 'Ready' },
  busy: { fr: 'Occupée', en: 'Busy' },
  offline: { fr: 'Hors ligne', en: 'Offline' },
  out_of_paper: { fr: 'Plus de papier', en: 'Out of paper' },
  error: { fr: 'Erreur', en: 'Error' },
  unavailable: { fr: 'Indisponible', en: 'Unavailable' },
  // print job states
  queued: { fr: 'En file', en: 'Queued' },
  rendering: { fr: 'Mise en page', en: 'Rendering' },
  sending: { fr: 'Envoi', en: 'Sending' },
  spooled: { fr: 'Transmis', en: 'Spooled' },
  printed: { fr: 'Imprimé', en: 'Printed' },
  held: { fr: 'Retenu', en: 'Held' },
  failed: { fr: 'Échec', en: 'Failed' },
  to_check: { fr: 'À vérifier', en: 'To check' },
  // copies
  original: { fr: 'Original', en: 'Original' },
  copy: { fr: 'Copie', en: 'Copy' },
  // document kinds
  transit: { fr: 'Certificat de transit', en: 'Transit certificate' },
  provisional_plate: { fr: 'Plaque provisoire', en: 'Provisional plate' },
};

/**
 * The label of a registry code in both languages, or undefined for a code this version does
 * not know (from a newer server: shown as is rather than failing).
 *
 * @example
 * codeLabel('voided'); // { fr: 'Annulé', en: 'Voided' }
 */
export function codeLabel(code: string): BilingualText | undefined {
  return Object.hasOwn(codeLabels, code) ? codeLabels[code] : undefined;
}

/** Every labelled code (for the tests that check the screens and papers use them). */
export function labelledCodes(): string[] {
  return Object.keys(codeLabels);
}
