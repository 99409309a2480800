import type { BilingualText } from '../bilingual.js';

/**
 * Stable error codes of offline issuance (issue 15: leases, the chain, reconcile); merged into
 * `errorCatalogue`. The chain codes are `offlineChainErrorCodes`; the others are refusals of
 * the lease route and reasons a reconciled paper is flagged.
 */
export const offlineErrors = {
  lease_invalid: {
    fr: 'Bail hors ligne refusé : il n’est pas signé par le serveur.',
    en: 'Offline lease refused: it is not signed by the server.',
  },
  lease_revoked: {
    fr: 'Le bail hors ligne de ce poste a été révoqué.',
    en: 'This kiosk’s offline lease was revoked.',
  },
  lease_expired: {
    fr: 'Le bail hors ligne de ce poste est échu.',
    en: 'This kiosk’s offline lease has expired.',
  },
  lease_not_found: {
    fr: 'Bail hors ligne introuvable.',
    en: 'Offline lease not found.',
  },
  lease_cap_exhausted: {
    fr: 'Le plafond hebdomadaire de la licence est atteint : aucun transit hors ligne ne peut être réservé.',
    en: 'The licence’s weekly cap is reached: no offline transit can be reserved.',
  },
  offline_document_invalid: {
    fr: 'Document émis hors ligne illisible ou altéré.',
    en: 'Offline document unreadable or altered.',
  },
  offline_document_wrong_key: {
    fr: 'Document émis hors ligne signé par une clé que le bail ne nomme pas.',
    en: 'Offline document signed by a key the lease does not name.',
  },
  offline_lease_mismatch: {
    fr: 'Le document émis hors ligne ne correspond pas à son bail (licence, commerçant ou bail).',
    en: 'The offline document does not match its lease (licence, dealer or lease).',
  },
  offline_number_outside_block: {
    fr: 'Numéro hors du bloc réservé par le bail.',
    en: 'Number outside the block the lease reserved.',
  },
  offline_issued_outside_lease: {
    fr: 'Document daté hors de la période du bail (horloge du poste erronée?).',
    en: 'Document dated outside the lease period (wrong kiosk clock?).',
  },
  offline_issued_in_future: {
    fr: 'Document daté dans le futur : l’horloge du poste est en avance.',
    en: 'Document dated in the future: the kiosk clock is ahead.',
  },
  offline_validity_mismatch: {
    fr: 'La validité du document ne suit pas la règle de sa date d’émission.',
    en: 'The document’s validity does not follow the rule for its issue date.',
  },
  offline_document_expired: {
    fr: 'Document émis hors ligne échu.',
    en: 'Offline document expired.',
  },
  offline_cap_exceeded: {
    fr: 'Plus de documents émis hors ligne que le bail ne le permet.',
    en: 'More offline documents than the lease allows.',
  },
  offline_number_reused: {
    fr: 'Ce numéro hors ligne a déjà été émis avec un autre contenu.',
    en: 'This offline number was already issued with a different content.',
  },
  offline_not_issuable: {
    fr: 'Ce type de commande ne peut pas être émis hors ligne.',
    en: 'This command type cannot be issued offline.',
  },
  offline_command_mismatch: {
    fr: 'Le document émis hors ligne ne correspond pas à la commande qui le porte.',
    en: 'The offline document does not match the command carrying it.',
  },
  offline_already_printed: {
    fr: 'Ce numéro hors ligne a déjà été imprimé en original.',
    en: 'This offline number was already printed as an original.',
  },
} as const satisfies Record<string, BilingualText>;
