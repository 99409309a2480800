import type { Notice, NoticeLanguage } from '@comptoir/shared';

/*
 * The notices' texts, in French and in English: each person gets the language they chose.
 * Only what the notice needs (no names, no addresses, no account numbers).
 */

/** A notice as an e-mail: subject and plain text. */
export interface NoticeMail {
  subject: string;
  text: string;
}

function localTime(iso: string, language: NoticeLanguage): string {
  return new Date(iso).toLocaleString(language === 'fr' ? 'fr-CA' : 'en-CA', {
    timeZone: 'America/Toronto',
    dateStyle: 'long',
    timeStyle: 'short',
  });
}

/** The e-mail of a notice in the person's language. */
export function noticeMail(notice: Notice, language: NoticeLanguage): NoticeMail {
  const fr = language === 'fr';
  switch (notice.kind) {
    case 'plate_shipped':
      return fr
        ? {
            subject: `Votre plaque ${notice.plateNumber} a été expédiée`,
            text:
              `Votre plaque d'immatriculation ${notice.plateNumber} a été remise à Postes Canada.\n` +
              `Numéro de suivi : ${notice.trackingNumber}\n\n` +
              `Gardez la plaque provisoire dans le véhicule jusqu'à la réception de la plaque.\n`,
          }
        : {
            subject: `Your plate ${notice.plateNumber} has shipped`,
            text:
              `Your licence plate ${notice.plateNumber} was handed to Canada Post.\n` +
              `Tracking number: ${notice.trackingNumber}\n\n` +
              `Keep the provisional plate in the vehicle until the plate arrives.\n`,
          };
    case 'bank_account_changed':
      return fr
        ? {
            subject: `Compte bancaire modifié : ${notice.dealerName}`,
            text:
              `Le compte bancaire de ${notice.dealerName} a été modifié le ${localTime(notice.at, language)}.\n` +
              `Si vous n'êtes pas à l'origine de ce changement, communiquez avec nous sans tarder.\n`,
          }
        : {
            subject: `Bank account changed: ${notice.dealerName}`,
            text:
              `The bank account of ${notice.dealerName} was changed on ${localTime(notice.at, language)}.\n` +
              `If you did not make this change, contact us without delay.\n`,
          };
    case 'kiosk_enrolled':
      return fr
        ? {
            subject: `Borne inscrite : ${notice.kioskName}`,
            text:
              `La borne « ${notice.kioskName} » a été inscrite pour ${notice.dealerName} le ${localTime(notice.at, language)}.\n` +
              `Si vous n'êtes pas à l'origine de cette inscription, révoquez-la dans Comptoir.\n`,
          }
        : {
            subject: `Kiosk enrolled: ${notice.kioskName}`,
            text:
              `The kiosk "${notice.kioskName}" was enrolled for ${notice.dealerName} on ${localTime(notice.at, language)}.\n` +
              `If you did not enrol it, revoke it in Comptoir.\n`,
          };
  }
}
