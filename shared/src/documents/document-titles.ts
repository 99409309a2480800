import type { BilingualText } from '../bilingual.js';
import type { DocumentKind } from '../schemas/document.schema.js';

/** The printed title of each kind of document, French first. */
export const documentTitles: Record<DocumentKind, BilingualText> = {
  atac: {
    fr: 'Attestation de transaction avec un commerçant (ATAC)',
    en: 'Dealer transaction attestation (ATAC)',
  },
  transit: {
    fr: "Certificat d'immatriculation temporaire (transit)",
    en: 'Temporary registration certificate (transit)',
  },
  provisional_plate: {
    fr: "Plaque d'immatriculation provisoire",
    en: 'Provisional registration plate',
  },
  registration_certificate: { fr: "Certificat d'immatriculation", en: 'Registration certificate' },
  proof_of_service: { fr: 'Preuve de service', en: 'Proof of service' },
  proof_of_registration: {
    fr: "Preuve d'enregistrement",
    en: 'Proof of registration (inventory)',
  },
  proof_of_cancellation: { fr: "Preuve d'annulation", en: 'Proof of cancellation' },
  receipt: { fr: 'Reçu', en: 'Receipt' },
};
