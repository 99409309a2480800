/**
 * Texts of the counter's money and irreversible acts: the summary before a confirmation, the
 * questions asked before a cancellation, a plate order or a staff decision, and the messages
 * that say it is done (French first); merged into the one catalogue, `messages`.
 */
export const counterMessages = {
  'ask.back': { fr: 'Retour', en: 'Go back' },
  'ask.before': { fr: 'Avant', en: 'Before' },
  'ask.after': { fr: 'Après', en: 'After' },

  'confirmSummary.title': {
    fr: 'Sommaire à revoir avec le client',
    en: 'Summary to review with the client',
  },
  'confirmSummary.intro': {
    fr: 'La confirmation met le registre à jour et prélève les droits à l’instant; seule une annulation le jour même la défait.',
    en: 'Confirming updates the registry and debits the fee at once; only a same-day cancellation undoes it.',
  },
  'confirmSummary.fees': { fr: 'Droits (grille tarifaire)', en: 'Fees (fee schedule)' },
  'feeLine.registration_fee': {
    fr: 'Droits d’immatriculation {year} — {type}',
    en: 'Registration fee {year} — {type}',
  },
  'confirmSummary.total': { fr: 'Total', en: 'Total' },
  'confirmSummary.noFee': {
    fr: 'Aucun tarif n’est en vigueur pour ce véhicule : la confirmation sera refusée.',
    en: 'No fee is in force for this vehicle: the confirmation will be refused.',
  },
  'confirmSummary.account': { fr: 'Prélevé au compte', en: 'Debited from the account' },
  'confirmSummary.accountValue': {
    fr: 'Institution {institution}, transit {transit}, compte {account}',
    en: 'Institution {institution}, transit {transit}, account {account}',
  },
  'confirmSummary.noAccount': {
    fr: 'Aucun compte bancaire au dossier : la confirmation sera refusée.',
    en: 'No bank account on file: the confirmation will be refused.',
  },
  'confirmSummary.plateSeries': { fr: 'Série de la plaque', en: 'Plate series' },
  'plateSeries.passenger': {
    fr: 'Promenade (A12 BCD)',
    en: 'Passenger (A12 BCD)',
  },
  'confirmSummary.papers': { fr: 'Documents qui seront imprimés', en: 'Papers that will print' },
  'confirmSummary.printsAtOnce': {
    fr: 'Ils s’impriment dès la confirmation sur l’imprimante jumelée.',
    en: 'They print as soon as it is confirmed, on the paired printer.',
  },
  'confirmSummary.noPrinter': {
    fr: 'Aucune imprimante n’est jumelée à ce poste : vous les imprimerez depuis la page de la transaction.',
    en: 'No printer is paired with this kiosk: you will print them from the transaction’s page.',
  },
  'confirmSummary.confirm': {
    fr: 'Confirmer et prélever {amount}',
    en: 'Confirm and debit {amount}',
  },
  'confirmSummary.confirmNoFee': { fr: 'Confirmer', en: 'Confirm' },
  'confirmSummary.feeChanged': {
    fr: 'Le sommaire montre maintenant le nouveau montant : revoyez-le avec le client.',
    en: 'The summary now shows the new amount: review it with the client.',
  },
  'confirmDone.message': {
    fr: 'Immatriculation confirmée. Plaque {plate}. {amount} prélevés au compte.',
    en: 'Registration confirmed. Plate {plate}. {amount} debited from the account.',
  },
  'confirmDone.printing': {
    fr: 'Les documents s’impriment sur l’imprimante jumelée.',
    en: 'The papers are printing on the paired printer.',
  },
  'confirmDone.howToPrint': {
    fr: 'Aucune imprimante n’est jumelée : jumelez ce poste dans Réglages, puis touchez « Imprimer tous les documents » ci-dessous.',
    en: 'No printer is paired: pair this kiosk in Settings, then tap “Print every document” below.',
  },
  'confirmDone.settings': { fr: 'Ouvrir les réglages', en: 'Open settings' },

  'cancelAsk.open': { fr: 'Vérifier l’annulation', en: 'Review the cancellation' },
  'cancelAsk.title': {
    fr: 'Annuler l’immatriculation {number} ?',
    en: 'Cancel registration {number}?',
  },
  'cancelAsk.voided': {
    fr: 'Documents annulés (ils ne seront plus valides ni imprimables)',
    en: 'Papers voided (no longer valid nor printable)',
  },
  'cancelAsk.refund': { fr: 'Droits remboursés au compte', en: 'Fee refunded to the account' },
  'cancelAsk.plate': {
    fr: 'La plaque {plate} ne sera jamais réattribuée; la plaque métallique est annulée si elle n’est pas encore fabriquée.',
    en: 'Plate {plate} will never be given again; the metal plate is cancelled if not made yet.',
  },
  'cancelAsk.reason': { fr: 'Motif', en: 'Reason' },
  'cancelAsk.proof': {
    fr: 'Une preuve d’annulation sera émise.',
    en: 'A proof of cancellation will be issued.',
  },
  'cancelAsk.confirm': { fr: 'Oui, annuler l’immatriculation', en: 'Yes, cancel the registration' },
  'cancelDone.message': {
    fr: 'Immatriculation annulée. {amount} remboursés au compte. Imprimez la preuve d’annulation.',
    en: 'Registration cancelled. {amount} refunded to the account. Print the proof of cancellation.',
  },

  'staffAsk.suspend.title': {
    fr: 'Suspendre la licence {number} ?',
    en: 'Suspend licence {number}?',
  },
  'staffAsk.suspend.confirm': { fr: 'Oui, suspendre', en: 'Yes, suspend' },
  'staffAsk.suspend.effect': {
    fr: 'Dès maintenant, aucun document ne sera émis sous cette licence, en ligne ou à la synchronisation.',
    en: 'From now on, no paper is issued under this licence, online or at sync.',
  },
  'staffAsk.reinstate.title': {
    fr: 'Rétablir la licence {number} ?',
    en: 'Reinstate licence {number}?',
  },
  'staffAsk.reinstate.confirm': { fr: 'Oui, rétablir', en: 'Yes, reinstate' },
  'staffAsk.caps.title': {
    fr: 'Changer les plafonds de la licence {number} ?',
    en: 'Change the caps of licence {number}?',
  },
  'staffAsk.caps.confirm': { fr: 'Oui, enregistrer les plafonds', en: 'Yes, save the caps' },
  'staffAsk.status': { fr: 'État', en: 'Status' },
  'staffAsk.statusActive': { fr: 'Active', en: 'Active' },
  'staffAsk.statusSuspended': { fr: 'Suspendue', en: 'Suspended' },
  'staffDone.suspended': {
    fr: 'C’est fait : licence {number} suspendue.',
    en: 'Done: licence {number} suspended.',
  },
  'staffDone.reinstated': {
    fr: 'C’est fait : licence {number} rétablie.',
    en: 'Done: licence {number} reinstated.',
  },
  'staffDone.caps': {
    fr: 'C’est fait : plafonds de la licence {number} enregistrés (transits {transit}, plaques {plate}).',
    en: 'Done: caps of licence {number} saved (transits {transit}, plates {plate}).',
  },
  'voidAsk.title': { fr: 'Annuler le document {number} ?', en: 'Void document {number}?' },
  'voidAsk.effect': {
    fr: 'Le document ne comptera plus, sa vérification publique dira « annulé » et il ne pourra plus être imprimé. C’est irréversible.',
    en: 'The document will no longer count, its public check will say "voided" and it can no longer be printed. This cannot be undone.',
  },
  'voidAsk.confirm': { fr: 'Oui, annuler ce document', en: 'Yes, void this document' },
  'voidDone.message': {
    fr: 'C’est fait : document {number} annulé le {time}.',
    en: 'Done: document {number} voided on {time}.',
  },
} as const satisfies Record<string, { fr: string; en: string }>;
