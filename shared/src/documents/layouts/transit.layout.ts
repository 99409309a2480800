import type { IssuedDocumentOf } from '../../schemas/document.schema.js';
import { documentTitles } from '../document-titles.js';
import { bothLanguages, paperDateTime, paperLabel } from '../paper-text.js';
import { drawHeader, vehicleFields } from '../pdf/frame.js';
import type { Sheet } from '../pdf/sheet.js';

/** The expiry line's size: under the title's 15 pt, over everything else (the number: 13 pt). */
export const TRANSIT_EXPIRY_SIZE = 14;

/**
 * The transit (temporary registration certificate), 4 or 10 days: validity first, because a
 * police officer reads the expiry before anything else; then reason, vehicle and holder.
 */
export function layoutTransit(sheet: Sheet, document: IssuedDocumentOf<'transit'>): void {
  drawHeader(sheet, document, documentTitles.transit);
  // The largest line after the title (checked on the glyph sizes in the PDF): the officer at
  // the roadside reads the expiry first.
  sheet.paragraph(
    `${bothLanguages({ fr: 'EXPIRE LE', en: 'EXPIRES' })} : ${paperDateTime(document.expiresAt)}`,
    { size: TRANSIT_EXPIRY_SIZE, bold: true },
  );
  sheet.section({ fr: 'Validité', en: 'Validity' });
  sheet.fields(
    [
      { label: { fr: 'Durée', en: 'Length' }, value: `${document.days} jours / days` },
      { label: { fr: 'Émis le', en: 'Issued' }, value: paperDateTime(document.issuedAt) },
      { label: { fr: 'Expire le', en: 'Expires' }, value: paperDateTime(document.expiresAt) },
      {
        label: { fr: 'Motif', en: 'Reason' },
        value:
          document.reasonText === undefined
            ? paperLabel(document.reason)
            : `${paperLabel(document.reason)} — ${document.reasonText}`,
        span: 3,
      },
      // The sale it follows, so the registration agent finds the ATAC without asking.
      ...(document.atacNumber === undefined
        ? []
        : [{ label: { fr: 'ATAC', en: 'ATAC' }, value: document.atacNumber, span: 3 }]),
    ],
    3,
  );
  sheet.section({ fr: 'Véhicule', en: 'Vehicle' });
  sheet.fields(vehicleFields(document), 3);
  sheet.section({ fr: 'Titulaire', en: 'Holder' });
  sheet.fields([{ label: { fr: 'Nom', en: 'Name' }, value: document.holder.name, span: 3 }], 3);
  sheet.space(8);
  sheet.paragraph(
    "Ce certificat doit être conservé dans le véhicule et présenté à un agent de la paix sur demande. Il ne remplace pas l'immatriculation.",
    { size: 9 },
  );
  sheet.paragraph(
    'Keep this certificate in the vehicle and show it to a peace officer on request. It does not replace registration.',
    { size: 9 },
  );
}
