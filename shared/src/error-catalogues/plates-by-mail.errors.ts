import type { BilingualText } from '../bilingual.js';

/** Stable error codes of plates by mail (supplier refusals, its webhook) and notices; merged into `errorCatalogue`. */
export const platesByMailErrors = {
  address_undeliverable: {
    fr: "Le fournisseur de plaques ne peut pas livrer à l'adresse du titulaire : corrigez-la avec le client.",
    en: "The plate supplier cannot deliver to the holder's address: correct it with the client.",
  },
  plate_number_invalid: {
    fr: 'Le fournisseur de plaques ne reconnaît pas ce numéro de plaque.',
    en: 'The plate supplier does not recognize this plate number.',
  },
  order_invalid: {
    fr: 'Le fournisseur de plaques a refusé la commande comme invalide.',
    en: 'The plate supplier refused the order as invalid.',
  },
  webhook_unsigned: {
    fr: "Avis du fournisseur refusé : il n'est pas signé.",
    en: 'Supplier notice refused: it is not signed.',
  },
  webhook_signature_invalid: {
    fr: 'Avis du fournisseur refusé : la signature ne correspond pas.',
    en: 'Supplier notice refused: the signature does not match.',
  },
  webhook_timestamp_stale: {
    fr: "Avis du fournisseur refusé : son horodatage est trop éloigné de l'heure du serveur.",
    en: "Supplier notice refused: its timestamp is too far from the server's time.",
  },
  webhook_replayed: {
    fr: 'Avis du fournisseur refusé : il a déjà été reçu.',
    en: 'Supplier notice refused: it was already received.',
  },
  plate_order_unknown: {
    fr: 'Aucune commande de plaque ne porte cet identifiant.',
    en: 'No plate order has this id.',
  },
  tracking_check_digit: {
    fr: 'Numéro de suivi invalide (chiffre de contrôle).',
    en: 'Invalid tracking number (check digit).',
  },
} as const satisfies Record<string, BilingualText>;
