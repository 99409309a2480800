/**
 * Texts of the staff decisions asked first and said done (issue 14): a cap request approved
 * or refused, a personal access code issued. French first; merged into the one catalogue,
 * `messages`.
 */
export const staffAskMessages = {
  'capAsk.approve.title': {
    fr: 'Approuver la demande de la licence {licence} ?',
    en: 'Approve the request of licence {licence}?',
  },
  'capAsk.refuse.title': {
    fr: 'Refuser la demande de la licence {licence} ?',
    en: 'Refuse the request of licence {licence}?',
  },
  'capAsk.approve.confirm': { fr: 'Oui, approuver', en: 'Yes, approve' },
  'capAsk.refuse.confirm': { fr: 'Oui, refuser', en: 'Yes, refuse' },
  'capAsk.approve.effect': {
    fr: 'La licence pourra émettre {extra} {kind} de plus que son plafond cette semaine.',
    en: 'The licence may issue {extra} {kind} over its cap this week.',
  },
  'capAsk.refuse.effect': {
    fr: 'La licence reste à son plafond; le commerçant verra le refus.',
    en: 'The licence stays at its cap; the dealer will see the refusal.',
  },
  'capAsk.dealerReason': { fr: 'Motif du commerçant', en: "Dealer's reason" },
  'capAsk.decisionReason': { fr: 'Votre motif', en: 'Your reason' },
  'capAsk.noReason': { fr: '(aucun)', en: '(none)' },
  'capDone.approved': {
    fr: 'C’est fait : demande de la licence {licence} approuvée.',
    en: 'Done: request of licence {licence} approved.',
  },
  'capDone.refused': {
    fr: 'C’est fait : demande de la licence {licence} refusée.',
    en: 'Done: request of licence {licence} refused.',
  },
  'plateXAsk.title': {
    fr: 'Commander {n} plaque(s) X ?',
    en: 'Order {n} X plate(s)?',
  },
  'plateXAsk.confirm': { fr: 'Oui, commander', en: 'Yes, order' },
  'plateXAsk.effect': {
    fr: 'Les numéros sont attribués à la commande et ne peuvent pas être repris; les plaques sont postées à l’adresse de la licence.',
    en: 'The numbers are assigned when ordered and cannot be taken back; the plates are mailed to the licence’s address.',
  },
  'plateXAsk.cost': { fr: 'Coût', en: 'Cost' },
  'plateXAsk.noFee': {
    fr: 'Aucuns frais prélevés au compte à la commande',
    en: 'No fee debited from the account when ordering',
  },
  'plateXAsk.address': { fr: 'Livraison à', en: 'Delivered to' },
  'plateXAsk.noAddress': {
    fr: 'Aucune adresse au dossier de la licence : la commande sera refusée.',
    en: 'No address on file for the licence: the order will be refused.',
  },
  'codeAsk.title': { fr: 'Délivrer ce code d’accès ?', en: 'Issue this access code?' },
  'codeAsk.confirm': { fr: 'Oui, délivrer le code', en: 'Yes, issue the code' },
  'codeAsk.effect': {
    fr: 'Le code permet à cette personne de créer un compte d’employé du commerçant. Il ne sera affiché qu’une fois.',
    en: 'The code lets this person create an employee account of the dealer. It is shown only once.',
  },
  'codeAsk.person': { fr: 'Personne', en: 'Person' },
  'codeAsk.dealer': { fr: 'Commerçant (NEQ)', en: 'Dealer (NEQ)' },
  'codeAsk.licence': { fr: 'Permis de conduire', en: 'Driving licence' },
  'codeDone.issued': {
    fr: 'C’est fait : code d’accès délivré à {name}.',
    en: 'Done: access code issued for {name}.',
  },
} as const;
