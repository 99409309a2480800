import { popGraphicsState, pushGraphicsState, concatTransformationMatrix } from 'pdf-lib';
import type { IssuedDocumentOf } from '../../schemas/document.schema.js';
import { documentTitles } from '../document-titles.js';
import { paperDateTime, bothLanguages } from '../paper-text.js';
import { dealerLine } from '../pdf/frame.js';
import { ink, LETTER, MARGIN, type Sheet } from '../pdf/sheet.js';
import { fitPlateNumber } from './plate-number-fit.js';

const PLATE_QR_SIZE = 136;

/**
 * The provisional plate: the paper stuck in the rear window for 45 days until the metal plate
 * arrives. The plate number dominates (≥ 40 mm glyphs across the page), then the expiry, then
 * where to put it; vehicle, dealer and QR below for whoever checks it.
 */
export function layoutProvisionalPlate(
  sheet: Sheet,
  document: IssuedDocumentOf<'provisional_plate'>,
): void {
  centred(sheet, documentTitles.provisional_plate.fr.toUpperCase(), 17, true);
  centred(sheet, documentTitles.provisional_plate.en, 11, false);
  sheet.space(10);

  const boxPadding = 12;
  const fit = fitPlateNumber(document.plateNumber, sheet.contentWidth - 2 * boxPadding);
  const glyphHeight = fit.glyphHeightMm * (72 / 25.4);
  const boxHeight = glyphHeight + 2 * boxPadding;
  sheet.page.drawRectangle({
    x: MARGIN,
    y: sheet.y - boxHeight,
    width: sheet.contentWidth,
    height: boxHeight,
    borderColor: ink.text,
    borderWidth: 2.5,
  });
  const baseline = sheet.y - boxPadding - glyphHeight + fit.descentBelowBaseline;
  const left = (LETTER.width - fit.width) / 2;
  // Condense with a transformation matrix: pdf-lib draws text at one scale only.
  sheet.page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(fit.horizontalScale, 0, 0, 1, left, baseline),
  );
  sheet.drawText(document.plateNumber, 0, 0, { size: fit.fontSize, bold: true });
  sheet.page.pushOperators(popGraphicsState());
  sheet.y -= boxHeight + 22;

  centred(sheet, `EXPIRE LE ${paperDateTime(document.expiresAt)}`, 26, true);
  centred(
    sheet,
    `Expires ${paperDateTime(document.expiresAt)} (heure de Montréal / Montréal time)`,
    11,
    false,
  );
  sheet.space(10);
  centred(sheet, 'À apposer en haut à gauche de la lunette arrière', 14, true);
  centred(sheet, 'Affix at the top left of the rear window', 11, false);
  sheet.space(16);

  const top = sheet.y;
  const qrLeft = LETTER.width - MARGIN - PLATE_QR_SIZE;
  sheet.qrCode(qrLeft, top, PLATE_QR_SIZE);
  sheet.drawText(
    bothLanguages({ fr: 'Vérifier', en: 'Verify' }),
    qrLeft + 40,
    top - PLATE_QR_SIZE - 10,
    {
      size: 8,
      color: ink.label,
    },
  );
  const textWidth = sheet.contentWidth - PLATE_QR_SIZE - 16;
  sheet.paragraph(`${bothLanguages({ fr: 'Numéro', en: 'Number' })} : ${document.number}`, {
    size: 12,
    bold: true,
    width: textWidth,
  });
  sheet.paragraph(
    `${bothLanguages({ fr: 'Émise le', en: 'Issued' })} : ${paperDateTime(document.issuedAt)}`,
    { size: 10, width: textWidth },
  );
  sheet.space(6);
  sheet.paragraph(bothLanguages({ fr: 'Véhicule', en: 'Vehicle' }), {
    size: 8,
    color: ink.label,
    width: textWidth,
  });
  const { vehicle } = document;
  sheet.paragraph(`${vehicle.year} ${vehicle.make} ${vehicle.model}`, {
    size: 12,
    bold: true,
    width: textWidth,
  });
  sheet.paragraph(`NIV / VIN : ${vehicle.vin}`, {
    size: 11,
    width: textWidth,
  });
  sheet.space(6);
  sheet.paragraph(bothLanguages({ fr: 'Commerçant', en: 'Dealer' }), {
    size: 8,
    color: ink.label,
    width: textWidth,
  });
  sheet.paragraph(dealerLine(document), { size: 10, width: textWidth });
  sheet.y = Math.min(sheet.y, top - PLATE_QR_SIZE - 20);
  sheet.space(8);
  sheet.paragraph(
    'Valide 45 jours. La plaque métallique portant ce numéro est postée au client (10 à 20 jours).',
    { size: 9 },
  );
  sheet.paragraph(
    'Valid 45 days. The metal plate with this number is mailed to the client (10 to 20 days).',
    { size: 9, color: ink.label },
  );
}

function centred(sheet: Sheet, text: string, size: number, bold: boolean): void {
  sheet.ensureSpace(size * 1.3);
  sheet.y -= size * 1.3;
  const x = (LETTER.width - sheet.width(text, size, bold)) / 2;
  sheet.drawText(text, x, sheet.y + size * 0.25, { size, bold });
}
