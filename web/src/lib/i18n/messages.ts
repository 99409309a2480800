import { accountContactMessages } from './catalogue/account-contact.messages.js';
import { accountMessages } from './catalogue/accounts.messages.js';
import { atacFollowUpMessages } from './catalogue/atac-follow-up.messages.js';
import { kioskAccessMessages } from './catalogue/kiosk-access.messages.js';
import { sharedKioskMessages } from './catalogue/shared-kiosks.messages.js';
import { platesByMailMessages } from './catalogue/plates-by-mail.messages.js';
import { registryScreenMessages } from './catalogue/registry-screens.messages.js';
import { vinScanMessages } from './catalogue/vin-scan.messages.js';
import { revocationMessages } from './catalogue/revocations.messages.js';
import { counterMessages } from './catalogue/counter.messages.js';
import { identityDocumentMessages } from './catalogue/identity-documents.messages.js';
import { vehicleLookupMessages } from './catalogue/vehicle-lookup.messages.js';
import { layoutHelpMessages } from './catalogue/layout-help.messages.js';
import { offlineIssuanceMessages } from './catalogue/offline-issuance.messages.js';
import { searchMessages } from './catalogue/search.messages.js';
import { journalMessages } from './catalogue/journal.messages.js';
import { licenceSuspensionMessages } from './catalogue/licence-suspension.messages.js';
import { staffAskMessages } from './catalogue/staff-asks.messages.js';
import { ipadMessages } from './catalogue/ipad.messages.js';

/**
 * The kiosk's one message catalogue: every text a person reads, French first (Québec), then
 * English. Keys are grouped by screen. Server errors carry their own bilingual messages
 * (from the shared error catalogue) and are shown through `localized()`.
 */
export const messages = {
  'app.name': { fr: 'Comptoir', en: 'Comptoir' },
  'app.tagline': {
    fr: 'Transactions des commerçants de véhicules routiers',
    en: 'Road vehicle dealer transactions',
  },
  'app.skipToContent': { fr: 'Aller au contenu', en: 'Skip to content' },
  'lang.toggle': { fr: 'English', en: 'Français' },
  'lang.toggleLabel': { fr: 'Switch to English', en: 'Passer au français' },

  'status.label': { fr: 'État du poste', en: 'Kiosk status' },
  'status.online': { fr: 'En ligne', en: 'Online' },
  'status.offline': { fr: 'Hors ligne', en: 'Offline' },
  'status.waiting': { fr: 'En attente : {n}', en: 'Waiting: {n}' },
  'status.attention': { fr: 'À corriger : {n}', en: 'Needs attention: {n}' },
  'status.othersWaiting': { fr: "D'autres personnes : {n}", en: 'Other people: {n}' },
  'status.lastSync': { fr: 'Dernière synchro : {time}', en: 'Last sync: {time}' },
  'status.neverSynced': { fr: 'Jamais synchronisé', en: 'Never synced' },
  'status.printer': { fr: 'Imprimante : {state}', en: 'Printer: {state}' },
  'status.printerUnpaired': { fr: 'non jumelée', en: 'not paired' },
  'status.printerReady': { fr: 'prête', en: 'ready' },
  'status.printerUnreachable': { fr: 'injoignable', en: 'unreachable' },
  'status.signInAgain': {
    fr: 'Reconnectez-vous pour envoyer vos transactions (elles sont conservées).',
    en: 'Sign in again to send your transactions (they are kept).',
  },
  'status.update': {
    fr: 'Une nouvelle version est prête.',
    en: 'A new version is ready.',
  },
  'status.updateNow': { fr: 'Mettre à jour', en: 'Update' },

  'nav.home': { fr: 'Accueil', en: 'Home' },
  'nav.queue': { fr: "File d'attente", en: 'Sync queue' },
  'nav.settings': { fr: 'Réglages', en: 'Settings' },
  'nav.signOut': { fr: 'Se déconnecter', en: 'Sign out' },
  'nav.main': { fr: 'Navigation principale', en: 'Main navigation' },

  'signIn.title': { fr: 'Connexion', en: 'Sign in' },
  'signIn.username': { fr: "Nom d'utilisateur", en: 'Username' },
  'signIn.password': { fr: 'Mot de passe', en: 'Password' },
  'signIn.submit': { fr: 'Se connecter', en: 'Sign in' },
  'signIn.offline': {
    fr: 'La connexion exige Internet. Réessayez quand le poste est en ligne.',
    en: 'Signing in needs the internet. Try again when the kiosk is online.',
  },
  'signIn.failed': { fr: 'La connexion a échoué.', en: 'Sign-in failed.' },
  'licence.title': { fr: 'Choisir le numéro de licence', en: 'Choose the licence number' },
  'licence.current': { fr: 'Licence : {licence}', en: 'Licence: {licence}' },
  'licence.change': { fr: 'Changer de licence', en: 'Change licence' },

  'home.title': { fr: 'Services', en: 'Services' },
  'home.greeting': { fr: 'Bonjour {name}', en: 'Hello {name}' },
  'home.notBuilt': { fr: 'Bientôt offert', en: 'Coming soon' },
  'service.atac': { fr: 'Attestation de transaction (ATAC)', en: 'Transaction attestation (ATAC)' },
  'service.transit': { fr: 'Certificat de transit', en: 'Transit certificate' },
  'service.register': { fr: 'Immatriculer un véhicule', en: 'Register a vehicle' },
  'service.inventory': { fr: 'Enregistrer en inventaire', en: 'Record into inventory' },
  'service.history': { fr: 'Historique de propriété', en: 'Ownership history' },
  'service.platex': { fr: 'Commander des plaques X', en: 'Order X plates' },
  'service.bank': { fr: 'Compte bancaire', en: 'Bank account' },
  'service.licenceCheck': { fr: 'Validité du permis de conduire', en: 'Driving licence check' },
  'service.rightToRegister': { fr: "Droit d'immatriculer", en: 'Right to register' },

  'form.save': { fr: 'Enregistrer', en: 'Save' },
  'form.saving': { fr: 'Enregistrement…', en: 'Saving…' },
  'form.queued': {
    fr: 'Enregistré dans la file : le document sera émis à la synchronisation.',
    en: 'Saved to the queue: the document will be issued when the kiosk syncs.',
  },
  'form.fixErrors': { fr: 'Corrigez les champs indiqués.', en: 'Fix the fields shown.' },
  'form.draftKept': {
    fr: 'Brouillon conservé sur ce poste.',
    en: 'Draft kept on this kiosk.',
  },
  'form.clear': { fr: 'Effacer le formulaire', en: 'Clear the form' },
  'form.optional': { fr: '(facultatif)', en: '(optional)' },

  'vehicle.legend': { fr: 'Véhicule', en: 'Vehicle' },
  'vehicle.vin': { fr: "Numéro d'identification (NIV)", en: 'Vehicle identification number (VIN)' },
  'vehicle.make': { fr: 'Marque', en: 'Make' },
  'vehicle.model': { fr: 'Modèle', en: 'Model' },
  'vehicle.year': { fr: 'Année', en: 'Year' },
  'vehicle.type': { fr: 'Type', en: 'Type' },
  'vehicle.netMassKg': { fr: 'Masse nette (kg)', en: 'Net mass (kg)' },
  'vehicle.condition': { fr: 'État', en: 'Condition' },
  'vehicle.new': { fr: 'Neuf', en: 'New' },
  'vehicle.used': { fr: 'Occasion', en: 'Used' },
  'vehicle.odometerKm': { fr: 'Odomètre (km)', en: 'Odometer (km)' },
  'vehicle.colour': { fr: 'Couleur', en: 'Colour' },
  'vehicleType.automobile': { fr: 'Automobile', en: 'Automobile' },
  'vehicleType.light_truck': { fr: 'Camionnette', en: 'Light truck' },
  'vehicleType.suv': { fr: 'VUS', en: 'SUV' },
  'vehicleType.motorcycle': { fr: 'Motocyclette', en: 'Motorcycle' },
  'vehicleType.atv': { fr: 'VTT', en: 'ATV' },
  'vehicleType.snowmobile': { fr: 'Motoneige', en: 'Snowmobile' },
  'vehicleType.heavy_truck': { fr: 'Camion lourd', en: 'Heavy truck' },
  'vehicleType.bus': { fr: 'Autobus', en: 'Bus' },
  'vehicleType.motorhome': { fr: 'Autocaravane', en: 'Motorhome' },
  'vehicleType.trailer': { fr: 'Remorque', en: 'Trailer' },
  'vehicleType.other': { fr: 'Autre', en: 'Other' },

  'party.person': { fr: 'Personne', en: 'Person' },
  'party.business': { fr: 'Entreprise', en: 'Business' },
  'party.kind': { fr: 'Type de client', en: 'Customer type' },
  'party.firstName': { fr: 'Prénom', en: 'First name' },
  'party.lastName': { fr: 'Nom', en: 'Last name' },
  'party.driverLicence': { fr: 'Permis de conduire', en: 'Driving licence' },
  'party.name': { fr: "Nom de l'entreprise", en: 'Business name' },
  'party.neq': { fr: "Numéro d'entreprise (NEQ)", en: 'Enterprise number (NEQ)' },
  'address.line1': { fr: 'Adresse', en: 'Address' },
  'address.city': { fr: 'Ville', en: 'City' },
  'address.province': { fr: 'Province', en: 'Province' },
  'address.postalCode': { fr: 'Code postal', en: 'Postal code' },
  'address.country': { fr: 'Pays', en: 'Country' },

  'atac.title': { fr: 'Attestation de transaction (ATAC)', en: 'Transaction attestation (ATAC)' },
  'atac.new': { fr: 'Nouvelle ATAC', en: 'New ATAC' },
  'atac.list': { fr: 'ATAC émises', en: 'Issued ATACs' },
  'atac.transaction': { fr: 'Transaction', en: 'Transaction' },
  'atac.sale': { fr: 'Vente', en: 'Sale' },
  'atac.lease': { fr: 'Location', en: 'Lease' },
  'atac.deliveryDate': { fr: 'Date de livraison', en: 'Delivery date' },
  'atac.buyers': { fr: 'Acheteurs (copropriétaires)', en: 'Buyers (co-owners)' },
  'atac.buyer': { fr: 'Acheteur {n}', en: 'Buyer {n}' },
  'atac.addBuyer': { fr: 'Ajouter un copropriétaire', en: 'Add a co-owner' },
  'atac.removeBuyer': { fr: 'Retirer cet acheteur', en: 'Remove this buyer' },
  'atac.holder': {
    fr: "Titulaire de l'immatriculation",
    en: 'Registration holder',
  },
  'atac.amounts': { fr: 'Montants', en: 'Amounts' },
  'atac.salePrice': { fr: 'Prix de vente ($)', en: 'Sale price ($)' },
  'atac.tradeIn': { fr: 'Valeur du véhicule échangé ($)', en: 'Trade-in allowance ($)' },
  'atac.gst': { fr: 'TPS perçue ($)', en: 'GST charged ($)' },
  'atac.qstBase': { fr: 'Montant servant au calcul de la TVQ ($)', en: 'Amount for QST ($)' },

  'transit.title': { fr: 'Certificat de transit', en: 'Transit certificate' },
  'transit.new': { fr: 'Nouveau transit', en: 'New transit' },
  'transit.list': { fr: 'Transits émis', en: 'Issued transits' },
  'transit.holder': { fr: 'Titulaire', en: 'Holder' },
  'transit.days': { fr: 'Durée', en: 'Length' },
  'transit.days4': { fr: '4 jours', en: '4 days' },
  'transit.days10': { fr: '10 jours', en: '10 days' },
  'transit.reason': { fr: 'Motif', en: 'Reason' },
  'transit.reasonText': { fr: 'Précisez le motif', en: 'Describe the reason' },
  'transitReason.non_resident_driving_home': {
    fr: 'Non-résident qui rentre chez lui',
    en: 'Non-resident driving home',
  },
  'transitReason.register_at_service_point': {
    fr: 'Immatriculation à un point de service',
    en: 'Registration at a service point',
  },
  'transitReason.other': { fr: 'Autre', en: 'Other' },

  'list.from': { fr: 'Du', en: 'From' },
  'list.to': { fr: 'Au', en: 'To' },
  'list.search': { fr: 'Rechercher', en: 'Search' },
  'list.empty': { fr: 'Aucun document pour cette période.', en: 'No document for this period.' },
  'list.number': { fr: 'Numéro', en: 'Number' },
  'list.issuedAt': { fr: 'Émis le', en: 'Issued' },
  'list.vehicle': { fr: 'Véhicule', en: 'Vehicle' },
  'list.status': { fr: 'État', en: 'Status' },
  'list.pending': { fr: 'En attente de synchronisation', en: 'Waiting for sync' },
  'list.windowTooLong': {
    fr: 'Une recherche couvre au plus {n} jours.',
    en: 'A search spans at most {n} days.',
  },

  'doc.title': { fr: 'Document {number}', en: 'Document {number}' },
  'doc.waiting': {
    fr: "Demandé hors ligne : ce document sera imprimable dès que le serveur l'aura émis.",
    en: 'Requested offline: this document becomes printable as soon as the server issues it.',
  },
  'doc.rejected': { fr: 'Refusé par le serveur.', en: 'Refused by the server.' },
  'doc.preview': { fr: 'Aperçu', en: 'Preview' },
  'doc.previewLoading': { fr: "Préparation de l'aperçu…", en: 'Preparing the preview…' },
  'doc.previewUnavailable': {
    fr: "L'aperçu PDF n'a pas pu être produit; voici les données du document.",
    en: 'The PDF preview could not be produced; here is the document’s data.',
  },
  'doc.data': { fr: 'Données du document', en: 'Document data' },
  'doc.print': { fr: 'Imprimer', en: 'Print' },
  'doc.reprint': { fr: 'Réimprimer (copie)', en: 'Reprint (copy)' },
  'doc.download': { fr: 'Télécharger le PDF (APERÇU)', en: 'Download PDF (PREVIEW)' },
  'doc.expiresAt': { fr: 'Expire le', en: 'Expires' },
  'doc.printedCount': { fr: 'Imprimé {n} fois', en: 'Printed {n} times' },
  'doc.notFound': {
    fr: 'Document introuvable sur ce poste.',
    en: 'Document not found on this kiosk.',
  },
  'docStatus.valid': { fr: 'Valide', en: 'Valid' },
  'docStatus.expired': { fr: 'Expiré', en: 'Expired' },
  'docStatus.voided': { fr: 'Annulé', en: 'Voided' },
  'docStatus.unknown': { fr: 'Inconnu', en: 'Unknown' },

  'queue.title': { fr: "File d'attente", en: 'Sync queue' },
  'queue.waiting': { fr: 'En attente', en: 'Waiting' },
  'queue.sending': { fr: 'Envoi en cours', en: 'Sending' },
  'queue.done': { fr: 'Terminé', en: 'Done' },
  'queue.attention': { fr: 'À corriger', en: 'Needs attention' },
  'queue.held': { fr: 'Retenu (autre personne)', en: 'Held (someone else)' },
  'queue.empty': { fr: 'Rien dans cette section.', en: 'Nothing here.' },
  'queue.syncNow': { fr: 'Synchroniser maintenant', en: 'Sync now' },
  'queue.correct': { fr: 'Corriger et renvoyer', en: 'Correct and resend' },
  'queue.discard': { fr: 'Abandonner', en: 'Discard' },
  'queue.discardConfirm': {
    fr: 'Abandonner définitivement cette transaction refusée?',
    en: 'Discard this refused transaction for good?',
  },
  'queue.confirm': { fr: 'Oui, abandonner', en: 'Yes, discard' },
  'queue.cancel': { fr: 'Non, garder', en: 'No, keep it' },
  'queue.attempts': { fr: 'Tentatives : {n}', en: 'Attempts: {n}' },
  'queue.othersNote': {
    fr: "{n} transaction(s) d'autres personnes attendent leur auteur.",
    en: "{n} of other people's transaction(s) wait for their author.",
  },
  'queue.view': { fr: 'Voir', en: 'View' },
  'command.atac.create': { fr: 'ATAC', en: 'ATAC' },
  'command.transit.issue': { fr: 'Transit', en: 'Transit' },
  'command.registration.hold': { fr: 'Immatriculation en attente', en: 'Registration on hold' },
  'command.inventory.record': { fr: 'Inventaire', en: 'Inventory' },
  'command.platex.order': { fr: 'Plaques X', en: 'X plates' },
  'command.print.outcome': { fr: "Résultat d'impression", en: 'Print outcome' },

  'settings.title': { fr: 'Réglages', en: 'Settings' },
  'settings.agent': { fr: "Agent d'impression", en: 'Print agent' },
  'settings.agentUrl': { fr: "Adresse de l'agent", en: 'Agent address' },
  'settings.pairingCode': { fr: 'Code de jumelage', en: 'Pairing code' },
  'settings.pair': { fr: 'Jumeler', en: 'Pair' },
  'settings.paired': { fr: 'Poste jumelé.', en: 'Kiosk paired.' },
  'settings.pairFailed': { fr: 'Le jumelage a échoué.', en: 'Pairing failed.' },
  'settings.storage': { fr: 'Stockage', en: 'Storage' },
  'settings.persisted': {
    fr: 'Stockage persistant accordé : le navigateur ne videra pas les données.',
    en: 'Persistent storage granted: the browser will not clear the data.',
  },
  'settings.notPersisted': {
    fr: "Stockage non persistant : le navigateur pourrait vider les données en cas de manque d'espace.",
    en: 'Storage not persistent: the browser may clear data when space runs low.',
  },
  'settings.usage': { fr: 'Utilisé : {used} sur {quota}', en: 'Used: {used} of {quota}' },
  'settings.version': { fr: 'Version', en: 'Version' },
  'settings.kioskId': { fr: 'Identifiant du poste', en: 'Kiosk id' },

  'print.noAgent': {
    fr: "Aucun agent d'impression jumelé : jumelez-le dans Réglages, ou téléchargez l'aperçu PDF.",
    en: 'No print agent paired: pair it in Settings, or download the PDF preview.',
  },
  'print.sent': { fr: 'Envoyé à l’imprimante…', en: 'Sent to the printer…' },
  'print.status.queued': { fr: "En file à l'imprimante", en: 'Queued at the printer' },
  'print.status.rendering': { fr: 'Préparation', en: 'Rendering' },
  'print.status.sending': { fr: "Envoi à l'imprimante", en: 'Sending to the printer' },
  'print.status.printed': { fr: 'Imprimé', en: 'Printed' },
  'print.status.spooled': { fr: 'Transmis au spouleur', en: 'Handed to the spooler' },
  'print.status.failed': { fr: 'Échec', en: 'Failed' },
  'print.status.held': { fr: 'Retenu (imprimante)', en: 'Held (printer)' },
  'print.status.to_check': { fr: 'À vérifier', en: 'To check' },
  'print.agentUnreachable': {
    fr: "L'agent d'impression ne répond pas.",
    en: 'The print agent does not answer.',
  },
  'print.needsJws': {
    fr: 'Impression possible une fois en ligne (document signé requis).',
    en: 'Printing possible once online (signed document needed).',
  },

  'error.generic': { fr: 'Une erreur est survenue.', en: 'Something went wrong.' },
  'error.notFound': { fr: 'Page introuvable.', en: 'Page not found.' },
  'error.forbidden': {
    fr: 'Votre rôle ne permet pas ce service.',
    en: 'Your role does not allow this service.',
  },
  // The same catalogue, kept in a file per area so that each grows on its own.
  ...accountMessages,
  ...kioskAccessMessages,
  ...sharedKioskMessages,
  ...vinScanMessages,
  ...vehicleLookupMessages,
  ...atacFollowUpMessages,
  ...registryScreenMessages,
  ...platesByMailMessages,
  ...accountContactMessages,
  ...revocationMessages,
  ...counterMessages,
  ...identityDocumentMessages,
  ...layoutHelpMessages,
  ...offlineIssuanceMessages,
  ...searchMessages,
  ...journalMessages,
  ...licenceSuspensionMessages,
  ...staffAskMessages,
  ...ipadMessages,
} as const satisfies Record<string, { fr: string; en: string }>;

/** A key of the message catalogue. */
export type MessageKey = keyof typeof messages;
