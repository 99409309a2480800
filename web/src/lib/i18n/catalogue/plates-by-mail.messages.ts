/** Texts of plates by mail: the metal plate's journey, late plates, the verifier's line (French first); merged into the one catalogue, `messages`. */
export const platesByMailMessages = {
  'metalPlate.title': { fr: 'Plaque métallique', en: 'Metal plate' },
  'metalPlate.state.ordered': {
    fr: 'Commandée (envoi au fournisseur en cours)',
    en: 'Ordered (being sent to the supplier)',
  },
  'metalPlate.state.accepted': {
    fr: 'Acceptée par le fournisseur',
    en: 'Accepted by the supplier',
  },
  'metalPlate.state.refused': { fr: 'Refusée par le fournisseur', en: 'Refused by the supplier' },
  'metalPlate.state.made': { fr: 'Fabriquée', en: 'Made' },
  'metalPlate.state.shipped': { fr: 'Expédiée par la poste', en: 'Shipped by mail' },
  'metalPlate.state.delivered': { fr: 'Livrée au client', en: 'Delivered to the client' },
  'metalPlate.state.returned': {
    fr: "Retournée à l'expéditeur",
    en: 'Returned to sender',
  },
  'metalPlate.state.cancelled': { fr: 'Commande annulée', en: 'Order cancelled' },
  'metalPlate.tracking': { fr: 'Numéro de suivi', en: 'Tracking number' },
  'metalPlate.cancelledAfterMade': {
    fr: "La plaque était déjà fabriquée lors de l'annulation : elle ne sera pas postée.",
    en: 'The plate was already made when the registration was cancelled: it will not be mailed.',
  },
  'platesLate.title': { fr: 'Plaques en retard', en: 'Plates late' },
  'platesLate.none': { fr: 'Aucune plaque en retard.', en: 'No plate is late.' },
  'platesLate.registration': { fr: 'Immatriculation', en: 'Registration' },
  'platesLate.plate': { fr: 'Plaque', en: 'Plate' },
  'platesLate.state': { fr: 'État', en: 'State' },
  'platesLate.why': { fr: 'Motif', en: 'Why' },
  'platesLate.reason.not_delivered_20_days': {
    fr: 'Non livrée 20 jours après la confirmation',
    en: 'Not delivered 20 days after confirmation',
  },
  'platesLate.reason.returned_to_sender': {
    fr: "Retournée à l'expéditeur : vérifiez l'adresse avec le client et le fournisseur",
    en: 'Returned to sender: check the address with the client and the supplier',
  },
  'platesLate.reason.provisional_expiring': {
    fr: 'La plaque provisoire expire dans 7 jours ou moins',
    en: 'The provisional plate expires within 7 days',
  },
  'registration.clientEmail': {
    fr: 'Courriel du client (facultatif, pour le suivi de la plaque)',
    en: "Client's e-mail (optional, for the plate's tracking)",
  },
  'registration.clientLanguage': { fr: 'Langue des avis', en: 'Language of notices' },
} as const;
