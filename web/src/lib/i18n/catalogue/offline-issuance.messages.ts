/**
 * Texts of offline issuance (issue "Offline issuance"): whether the server answers, the kiosk
 * key and lease, papers issued while the server is unreachable. French first; merged into
 * the one catalogue, `messages`.
 */
export const offlineIssuanceMessages = {
  'status.serverUnreachable': { fr: 'Serveur injoignable', en: 'Server unreachable' },
  'doc.issuedOffline': {
    fr: 'Émis hors ligne (numéroté et signé par ce poste sous son bail).',
    en: 'Issued offline (numbered and signed by this kiosk under its lease).',
  },
  'offline.unsupported': {
    fr: 'Émission hors ligne indisponible : ce navigateur ne sait pas signer (Ed25519). Le document sera émis au retour du serveur.',
    en: 'Offline issuance unavailable: this browser cannot sign (Ed25519). The paper will be issued when the server is back.',
  },
  'queue.flagged': {
    fr: 'Émis hors ligne, à vérifier',
    en: 'Issued offline, to be checked',
  },
} as const;
