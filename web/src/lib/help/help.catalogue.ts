import type { BilingualText } from '@comptoir/shared';

/** The help of one screen: three short answers, French first. */
export interface ScreenHelp {
  /** What the screen is for. */
  purpose: BilingualText;
  /** What the person needs at hand before starting. */
  needs: BilingualText;
  /** What happens when the kiosk is offline. */
  offline: BilingualText;
}

const queuedOffline: BilingualText = {
  fr: 'Hors ligne, la demande est gardée sur ce poste et envoyée dès le retour d’Internet; le document est imprimé une fois signé par le registre.',
  en: 'Offline, the request is kept on this kiosk and sent as soon as the internet is back; the paper prints once the registry has signed it.',
};
const listOffline: BilingualText = {
  fr: 'Hors ligne, la liste montre ce que ce poste connaît déjà; les nouveautés arrivent au retour d’Internet.',
  en: 'Offline, the list shows what this kiosk already knows; anything new arrives when the internet is back.',
};
const needsOnline: BilingualText = {
  fr: 'Ce service exige Internet : hors ligne, réessayez quand le poste est de nouveau en ligne.',
  en: 'This service needs the internet: offline, try again when the kiosk is back online.',
};
const correctionNeeds: BilingualText = {
  fr: 'Le motif du refus est affiché en haut; corrigez les champs signalés puis renvoyez.',
  en: 'The reason for the refusal shows at the top; fix the fields it points to, then send again.',
};
const commandNeeds: BilingualText = {
  fr: 'Rien à saisir : cet écran suit la demande jusqu’à son document.',
  en: 'Nothing to type: this screen follows the request until its paper is issued.',
};

/**
 * The one help catalogue, keyed by SvelteKit route id: the kiosk layout shows the entry of the
 * screen in view (`HelpPanel`), so no page carries its own help. A screen added without an
 * entry fails `help.catalogue.test.ts`.
 */
export const helpByRoute: Readonly<Record<string, ScreenHelp>> = {
  '/(kiosk)': {
    purpose: {
      fr: 'L’accueil : choisissez un service. Les services offerts dépendent de votre rôle.',
      en: 'Home: choose a service. The services offered depend on your role.',
    },
    needs: {
      fr: 'Votre licence choisie (en haut). Un administrateur voit aussi sa liste de départ.',
      en: 'Your chosen licence (at the top). An administrator also sees a getting-started list.',
    },
    offline: {
      fr: 'Hors ligne, les formulaires restent offerts : les demandes attendent dans la file d’attente.',
      en: 'Offline, the forms stay open: requests wait in the sync queue.',
    },
  },
  '/(kiosk)/atac': {
    purpose: {
      fr: 'Les attestations de transaction (ATAC) de la licence, et le bouton pour en faire une nouvelle.',
      en: 'The licence’s transaction attestations (ATAC), and the button to make a new one.',
    },
    needs: {
      fr: 'Choisissez une période pour retrouver une ATAC; touchez un numéro pour l’ouvrir.',
      en: 'Choose a period to find an ATAC; touch a number to open it.',
    },
    offline: listOffline,
  },
  '/(kiosk)/atac/nouvelle': {
    purpose: {
      fr: 'Attester une vente ou une location d’un véhicule à un client.',
      en: 'Attest the sale or lease of a vehicle to a client.',
    },
    needs: {
      fr: 'Le NIV (lisible au pare-brise ou par la caméra), le permis ou la pièce d’identité de chaque acheteur, leur adresse et les montants.',
      en: 'The VIN (on the windshield or through the camera), each buyer’s licence or identity document, their address and the amounts.',
    },
    offline: queuedOffline,
  },
  '/(kiosk)/atac/corriger/[commande]': {
    purpose: {
      fr: 'Corriger une ATAC que le registre a refusée.',
      en: 'Fix an ATAC the registry refused.',
    },
    needs: correctionNeeds,
    offline: queuedOffline,
  },
  '/(kiosk)/autorite': {
    purpose: {
      fr: 'La console du personnel de l’autorité : licences, demandes, documents et journal.',
      en: 'The authority staff console: licences, requests, documents and journal.',
    },
    needs: {
      fr: 'Un compte du personnel. Chaque geste est inscrit au journal.',
      en: 'A staff account. Every act is written to the journal.',
    },
    offline: needsOnline,
  },
  '/(kiosk)/autorite/annuler': {
    purpose: {
      fr: 'Annuler un document émis par erreur; il ne pourra plus être imprimé.',
      en: 'Void a document issued in error; it can no longer be printed.',
    },
    needs: {
      fr: 'Le numéro du document et le motif de l’annulation.',
      en: 'The document number and the reason for voiding it.',
    },
    offline: needsOnline,
  },
  '/(kiosk)/autorite/codes': {
    purpose: {
      fr: 'Remettre un code d’accès personnel à l’employé d’un commerçant accrédité.',
      en: 'Issue a personal access code to an accredited dealer’s employee.',
    },
    needs: {
      fr: 'Le nom de la personne, son permis de conduire et la licence du commerçant.',
      en: 'The person’s name, driving licence and the dealer’s licence.',
    },
    offline: needsOnline,
  },
  '/(kiosk)/autorite/demandes': {
    purpose: {
      fr: 'Accepter ou refuser les demandes de dépassement de plafond.',
      en: 'Approve or refuse requests to go over a cap.',
    },
    needs: {
      fr: 'Lisez le motif de la demande; un refus demande une explication.',
      en: 'Read the request’s reason; a refusal needs an explanation.',
    },
    offline: needsOnline,
  },
  '/(kiosk)/autorite/journal': {
    purpose: {
      fr: 'Le journal de vérification : qui a fait quoi, quand.',
      en: 'The audit journal: who did what, and when.',
    },
    needs: {
      fr: 'Choisissez une période.',
      en: 'Choose a period.',
    },
    offline: needsOnline,
  },
  '/(kiosk)/autorite/licences': {
    purpose: {
      fr: 'Suspendre ou rétablir une licence, et régler ses plafonds.',
      en: 'Suspend or reinstate a licence, and set its caps.',
    },
    needs: {
      fr: 'Le numéro de licence et le motif de la décision.',
      en: 'The licence number and the reason for the decision.',
    },
    offline: needsOnline,
  },
  '/(kiosk)/compte-bancaire': {
    purpose: {
      fr: 'Le compte bancaire d’où le registre prélève les droits d’immatriculation.',
      en: 'The bank account the registry debits registration fees from.',
    },
    needs: {
      fr: 'Un spécimen de chèque : numéros d’institution, de transit et de compte.',
      en: 'A void cheque: institution, transit and account numbers.',
    },
    offline: queuedOffline,
  },
  '/(kiosk)/comptes': {
    purpose: {
      fr: 'Les comptes génériques (salle de montre), leurs opérateurs et les sessions ouvertes.',
      en: 'Generic (showroom) accounts, their operators and the open sessions.',
    },
    needs: {
      fr: 'Un nom et un NIP différents pour chaque opérateur.',
      en: 'A different name and PIN for each operator.',
    },
    offline: needsOnline,
  },
  '/(kiosk)/connexion': {
    purpose: {
      fr: 'Se connecter à Comptoir sur ce poste.',
      en: 'Sign in to Comptoir on this kiosk.',
    },
    needs: {
      fr: 'Votre nom d’utilisateur et votre mot de passe. Pas encore de compte? Inscrivez-vous.',
      en: 'Your username and password. No account yet? Sign up.',
    },
    offline: {
      fr: 'La première connexion exige Internet; ensuite, le poste peut être déverrouillé hors ligne.',
      en: 'The first sign-in needs the internet; afterwards the kiosk can be unlocked offline.',
    },
  },
  '/(kiosk)/document/[numero]': {
    purpose: {
      fr: 'Un document émis : son état, le véhicule, et l’impression.',
      en: 'An issued document: its status, the vehicle, and printing.',
    },
    needs: {
      fr: 'Une imprimante jumelée (Réglages) pour imprimer l’original.',
      en: 'A paired printer (Settings) to print the original.',
    },
    offline: {
      fr: 'Hors ligne, l’agent d’impression du commerce imprime encore les documents déjà signés.',
      en: 'Offline, the dealership’s print agent still prints documents already signed.',
    },
  },
  '/(kiosk)/enregistrement': {
    purpose: {
      fr: 'Les véhicules enregistrés en inventaire par la licence.',
      en: 'The vehicles the licence recorded into inventory.',
    },
    needs: {
      fr: 'Choisissez une période pour retrouver un enregistrement.',
      en: 'Choose a period to find a record.',
    },
    offline: listOffline,
  },
  '/(kiosk)/enregistrement/nouveau': {
    purpose: {
      fr: 'Enregistrer en inventaire un véhicule acquis par le commerce.',
      en: 'Record into inventory a vehicle the dealership acquired.',
    },
    needs: {
      fr: 'Le NIV, la date d’acquisition et le vendeur.',
      en: 'The VIN, the acquisition date and the seller.',
    },
    offline: queuedOffline,
  },
  '/(kiosk)/enregistrement/commande/[commande]': {
    purpose: {
      fr: 'Le suivi d’un enregistrement en inventaire envoyé.',
      en: 'The progress of an inventory record that was sent.',
    },
    needs: commandNeeds,
    offline: queuedOffline,
  },
  '/(kiosk)/enregistrement/corriger/[commande]': {
    purpose: {
      fr: 'Corriger un enregistrement en inventaire refusé.',
      en: 'Fix an inventory record that was refused.',
    },
    needs: correctionNeeds,
    offline: queuedOffline,
  },
  '/(kiosk)/file-attente': {
    purpose: {
      fr: 'Les demandes de ce poste qui attendent d’être envoyées, et celles à corriger.',
      en: 'This kiosk’s requests waiting to be sent, and those to fix.',
    },
    needs: {
      fr: 'Rien : touchez une demande pour voir son état ou la corriger.',
      en: 'Nothing: touch a request to see its status or fix it.',
    },
    offline: {
      fr: 'Hors ligne, les demandes attendent ici; elles partent seules au retour d’Internet.',
      en: 'Offline, requests wait here; they leave on their own when the internet is back.',
    },
  },
  '/(kiosk)/file-attente/[commande]': {
    purpose: {
      fr: 'Une demande de la file d’attente : son état et, si refusée, pourquoi.',
      en: 'One request of the queue: its status and, if refused, why.',
    },
    needs: commandNeeds,
    offline: queuedOffline,
  },
  '/(kiosk)/historique': {
    purpose: {
      fr: 'L’historique de propriété d’un véhicule (sans nom de propriétaire).',
      en: 'A vehicle’s ownership history (no owner names).',
    },
    needs: { fr: 'Le NIV du véhicule.', en: 'The vehicle’s VIN.' },
    offline: needsOnline,
  },
  '/(kiosk)/immatriculation': {
    purpose: {
      fr: 'Les immatriculations faites par la licence.',
      en: 'The registrations made under the licence.',
    },
    needs: {
      fr: 'Choisissez une période pour retrouver une immatriculation.',
      en: 'Choose a period to find a registration.',
    },
    offline: listOffline,
  },
  '/(kiosk)/immatriculation/nouvelle': {
    purpose: {
      fr: 'Immatriculer un véhicule vendu : plaque, certificat et droits.',
      en: 'Register a sold vehicle: plate, certificate and fees.',
    },
    needs: {
      fr: 'L’ATAC de la vente, le NIV et la pièce d’identité du client; le compte bancaire doit être inscrit.',
      en: 'The sale’s ATAC, the VIN and the client’s identity document; the bank account must be on file.',
    },
    offline: queuedOffline,
  },
  '/(kiosk)/immatriculation/[numero]': {
    purpose: {
      fr: 'Une immatriculation : son état, sa plaque et ses droits.',
      en: 'A registration: its status, plate and fees.',
    },
    needs: {
      fr: 'Relisez le sommaire avec le client avant de confirmer.',
      en: 'Review the summary with the client before confirming.',
    },
    offline: needsOnline,
  },
  '/(kiosk)/immatriculation/commande/[commande]': {
    purpose: {
      fr: 'Le suivi d’une immatriculation envoyée.',
      en: 'The progress of a registration that was sent.',
    },
    needs: commandNeeds,
    offline: queuedOffline,
  },
  '/(kiosk)/immatriculation/corriger/[commande]': {
    purpose: {
      fr: 'Corriger une immatriculation refusée.',
      en: 'Fix a registration that was refused.',
    },
    needs: correctionNeeds,
    offline: queuedOffline,
  },
  '/(kiosk)/imprimantes': {
    purpose: {
      fr: 'Les imprimantes du commerce, leur rôle (plaque, certificat, ATAC) et leur papier.',
      en: 'The dealership’s printers, their role (plate, certificate, ATAC) and their paper.',
    },
    needs: {
      fr: 'L’agent d’impression jumelé dans Réglages.',
      en: 'The print agent paired in Settings.',
    },
    offline: {
      fr: 'L’agent est sur le réseau du commerce : il répond même sans Internet.',
      en: 'The agent is on the dealership’s network: it answers even without the internet.',
    },
  },
  '/(kiosk)/inscription': {
    purpose: {
      fr: 'Créer le compte administrateur d’un commerçant.',
      en: 'Create a dealer’s administrator account.',
    },
    needs: {
      fr: 'Le NEQ de l’entreprise, votre nom tel qu’au registre des entreprises et votre permis de conduire.',
      en: 'The enterprise’s NEQ, your name as in the enterprise registry and your driving licence.',
    },
    offline: needsOnline,
  },
  '/(kiosk)/inscription/employe': {
    purpose: {
      fr: 'Créer le compte d’un employé d’un commerçant accrédité.',
      en: 'Create an accredited dealer employee’s account.',
    },
    needs: {
      fr: 'Le code d’accès personnel remis par l’autorité, votre nom et votre permis de conduire.',
      en: 'The personal access code the authority gave you, your name and your driving licence.',
    },
    offline: needsOnline,
  },
  '/(kiosk)/licence': {
    purpose: {
      fr: 'Choisir la licence sous laquelle vous travaillez maintenant.',
      en: 'Choose the licence you work under now.',
    },
    needs: {
      fr: 'Rien : touchez la licence voulue.',
      en: 'Nothing: touch the licence you want.',
    },
    offline: {
      fr: 'Hors ligne, vous pouvez changer de licence; les demandes partent au retour d’Internet.',
      en: 'Offline, you can change licence; requests leave when the internet is back.',
    },
  },
  '/(kiosk)/plaque-x': {
    purpose: {
      fr: 'Les commandes de plaques X (commerçant) de la licence.',
      en: 'The licence’s X (dealer) plate orders.',
    },
    needs: {
      fr: 'Le nombre de plaques voulu; le plafond de la licence s’applique.',
      en: 'How many plates you want; the licence’s cap applies.',
    },
    offline: queuedOffline,
  },
  '/(kiosk)/plaque-x/commande/[commande]': {
    purpose: {
      fr: 'Le suivi d’une commande de plaques X.',
      en: 'The progress of an X plate order.',
    },
    needs: commandNeeds,
    offline: queuedOffline,
  },
  '/(kiosk)/plaque-x/corriger/[commande]': {
    purpose: {
      fr: 'Corriger une commande de plaques X refusée.',
      en: 'Fix an X plate order that was refused.',
    },
    needs: correctionNeeds,
    offline: queuedOffline,
  },
  '/(kiosk)/reglages': {
    purpose: {
      fr: 'Les réglages de ce poste : agent d’impression, déverrouillage hors ligne, espace utilisé.',
      en: 'This kiosk’s settings: print agent, offline unlock, storage used.',
    },
    needs: {
      fr: 'Pour jumeler l’imprimante : l’adresse de l’agent et son code de jumelage.',
      en: 'To pair the printer: the agent’s address and its pairing code.',
    },
    offline: {
      fr: 'Le jumelage se fait sur le réseau du commerce, même sans Internet.',
      en: 'Pairing happens on the dealership’s network, even without the internet.',
    },
  },
  '/(kiosk)/transit': {
    purpose: {
      fr: 'Les certificats de transit émis par la licence.',
      en: 'The transit certificates issued under the licence.',
    },
    needs: {
      fr: 'Choisissez une période pour retrouver un certificat.',
      en: 'Choose a period to find a certificate.',
    },
    offline: listOffline,
  },
  '/(kiosk)/transit/nouveau': {
    purpose: {
      fr: 'Émettre un certificat de transit (4 ou 10 jours) pour un véhicule vendu.',
      en: 'Issue a transit certificate (4 or 10 days) for a sold vehicle.',
    },
    needs: {
      fr: 'Le NIV, le motif du transit et l’ATAC de la vente.',
      en: 'The VIN, the reason for the transit and the sale’s ATAC.',
    },
    offline: queuedOffline,
  },
  '/(kiosk)/transit/corriger/[commande]': {
    purpose: {
      fr: 'Corriger un certificat de transit refusé.',
      en: 'Fix a transit certificate that was refused.',
    },
    needs: correctionNeeds,
    offline: queuedOffline,
  },
  '/(kiosk)/verifications': {
    purpose: {
      fr: 'Vérifier un permis de conduire ou le droit d’immatriculer d’un client.',
      en: 'Check a driving licence or a client’s right to register.',
    },
    needs: {
      fr: 'Le numéro du permis de conduire du client.',
      en: 'The client’s driving licence number.',
    },
    offline: needsOnline,
  },
  '/verifier/[number]': {
    purpose: {
      fr: 'Vérifier qu’un document imprimé est authentique et toujours valide.',
      en: 'Check that a printed document is genuine and still valid.',
    },
    needs: {
      fr: 'Le code QR du document, ou son numéro.',
      en: 'The document’s QR code, or its number.',
    },
    offline: needsOnline,
  },
};

/** The help of a route, if it has one (the layout shows nothing rather than a wrong text). */
export function helpFor(routeId: string | null): ScreenHelp | undefined {
  return routeId ? helpByRoute[routeId] : undefined;
}
