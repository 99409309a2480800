/**
 * The staff journal read as sentences (issue "The finish"): one per audit event, `{who}` the
 * person's name, `{subject}` what the row is about (a document number, a VIN), `{licence}`.
 * Merged into the one catalogue, `messages`; an event without its sentence reads as
 * `journal.event.other` (the raw record stays one click away).
 */
export const journalMessages = {
  'journal.event.document.issued': {
    fr: '{who} a émis le document {subject}.',
    en: '{who} issued paper {subject}.',
  },
  'journal.event.document.voided': {
    fr: '{who} a annulé le document {subject}.',
    en: '{who} voided paper {subject}.',
  },
  'journal.event.document.recovered': {
    fr: 'Le document {subject} a été récupéré après une restauration.',
    en: 'Paper {subject} was recovered after a restore.',
  },
  'journal.event.command.rejected': {
    fr: 'Une transaction de {who} a été refusée.',
    en: 'A transaction by {who} was refused.',
  },
  'journal.event.command.operator': {
    fr: '{who} a travaillé sous un compte partagé (opérateur identifié par NIP).',
    en: '{who} worked under a shared account (operator identified by PIN).',
  },
  'journal.event.request.refused': {
    fr: 'Une demande de {who} a été refusée.',
    en: 'A request by {who} was refused.',
  },
  'journal.event.push.refused': {
    fr: 'Un envoi du poste de {who} a été refusé.',
    en: 'A send from the kiosk of {who} was refused.',
  },
  'journal.event.signin.ok': { fr: '{who} s’est connecté.', en: '{who} signed in.' },
  'journal.event.signin.failed': {
    fr: 'Une connexion a échoué.',
    en: 'A sign-in failed.',
  },
  'journal.event.signin.rate_limited': {
    fr: 'Trop de tentatives de connexion : pause imposée.',
    en: 'Too many sign-in attempts: paused.',
  },
  'journal.event.signin.activation_refused': {
    fr: 'Une activation de compte a été refusée.',
    en: 'An account activation was refused.',
  },
  'journal.event.signout': { fr: '{who} s’est déconnecté.', en: '{who} signed out.' },
  'journal.event.reauth.ok': {
    fr: '{who} a confirmé son identité.',
    en: '{who} confirmed their identity.',
  },
  'journal.event.reauth.failed': {
    fr: '{who} n’a pas pu confirmer son identité.',
    en: '{who} could not confirm their identity.',
  },
  'journal.event.session.ended_by_administrator': {
    fr: '{who} a fermé une session.',
    en: '{who} ended a session.',
  },
  'journal.event.audit.read': { fr: '{who} a consulté le journal.', en: '{who} read the journal.' },
  'journal.event.staff.lookup': {
    fr: '{who} a cherché {subject} dans la console.',
    en: '{who} looked up {subject} in the console.',
  },
  'journal.event.search.people': {
    fr: '{who} a cherché un client par son nom.',
    en: '{who} searched for a customer by name.',
  },
  'journal.event.history.viewed': {
    fr: '{who} a consulté l’historique du véhicule {subject}.',
    en: '{who} viewed the history of vehicle {subject}.',
  },
  'journal.event.vehicle.looked_up': {
    fr: '{who} a consulté le véhicule {subject}.',
    en: '{who} looked up vehicle {subject}.',
  },
  'journal.event.registration.confirmed': {
    fr: '{who} a confirmé l’immatriculation {subject}.',
    en: '{who} confirmed registration {subject}.',
  },
  'journal.event.registration.cancelled': {
    fr: '{who} a annulé l’immatriculation {subject}.',
    en: '{who} cancelled registration {subject}.',
  },
  'journal.event.inventory.recorded': {
    fr: '{who} a enregistré un véhicule en inventaire.',
    en: '{who} recorded a vehicle into inventory.',
  },
  'journal.event.platex.ordered': {
    fr: '{who} a commandé des plaques X.',
    en: '{who} ordered X plates.',
  },
  'journal.event.licence.suspended': {
    fr: '{who} a suspendu la licence {licence}.',
    en: '{who} suspended licence {licence}.',
  },
  'journal.event.licence.reinstated': {
    fr: '{who} a rétabli la licence {licence}.',
    en: '{who} reinstated licence {licence}.',
  },
  'journal.event.licence.caps_set': {
    fr: '{who} a fixé les plafonds de la licence {licence}.',
    en: '{who} set the caps of licence {licence}.',
  },
  'journal.event.cap_request.created': {
    fr: '{who} a demandé un dépassement de plafond.',
    en: '{who} asked to go over a cap.',
  },
  'journal.event.cap_request.approved': {
    fr: '{who} a approuvé une demande de dépassement.',
    en: '{who} approved an over-cap request.',
  },
  'journal.event.cap_request.refused': {
    fr: '{who} a refusé une demande de dépassement.',
    en: '{who} refused an over-cap request.',
  },
  'journal.event.access_code.issued': {
    fr: '{who} a émis un code d’accès.',
    en: '{who} issued an access code.',
  },
  'journal.event.account.signed_up': { fr: '{who} s’est inscrit.', en: '{who} signed up.' },
  'journal.event.account.activated': {
    fr: 'Le compte de {who} a été activé.',
    en: 'The account of {who} was activated.',
  },
  'journal.event.account.generic_created': {
    fr: '{who} a créé un compte partagé.',
    en: '{who} created a shared account.',
  },
  'journal.event.account.generic_updated': {
    fr: '{who} a modifié un compte partagé.',
    en: '{who} changed a shared account.',
  },
  'journal.event.account.contact_set': {
    fr: '{who} a mis à jour ses coordonnées.',
    en: '{who} updated their contact details.',
  },
  'journal.event.operator.created': {
    fr: '{who} a ajouté un opérateur.',
    en: '{who} added an operator.',
  },
  'journal.event.operator.updated': {
    fr: '{who} a modifié un opérateur.',
    en: '{who} changed an operator.',
  },
  'journal.event.kiosk.sign_in': {
    fr: 'Un poste s’est identifié pour {who}.',
    en: 'A kiosk identified itself for {who}.',
  },
  'journal.event.kiosk.revoked': { fr: '{who} a révoqué un poste.', en: '{who} revoked a kiosk.' },
  'journal.event.keyset.rotated': {
    fr: 'La clé de signature du registre a été renouvelée.',
    en: 'The registry’s signing key was renewed.',
  },
  'journal.event.system.restored': {
    fr: 'Le registre a été restauré d’une copie.',
    en: 'The registry was restored from a copy.',
  },
  'journal.event.other': {
    fr: 'Action enregistrée au journal ({who}).',
    en: 'Action recorded in the journal ({who}).',
  },
} as const;
