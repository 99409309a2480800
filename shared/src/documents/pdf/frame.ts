import type { BilingualText } from '../../bilingual.js';
import { degrees } from 'pdf-lib';
import type { IssuedDocument } from '../../schemas/document.schema.js';
import { bothLanguages, paperDateTime, paperLabel } from '../paper-text.js';
import type { RenderOptions } from '../render-options.js';
import { BANNER_HEIGHT, ink, LETTER, MARGIN, type Sheet } from './sheet.js';

/**
 * The box of the QR code in the header of full-page documents: 40 mm, so that a version 8
 * code (57 modules with its quiet zone) gets 2-point (0.71 mm) modules, read at 72 dpi.
 */
const HEADER_QR_SIZE = 114;

/** Who issued the document, as the header and the plate print it. */
export function dealerLine(document: IssuedDocument): string {
  const { dealer } = document;
  const parts = [dealer.name, `NEQ ${dealer.neq}`];
  if (dealer.permit !== undefined) parts.push(`${bothLanguages(permitLabel)} ${dealer.permit}`);
  parts.push(`${bothLanguages(licenceLabel)} ${document.licence}`);
  return parts.join(' — ');
}

const permitLabel = { fr: 'Permis OPC', en: 'OPC permit' };
const licenceLabel = { fr: 'Licence SAAQ', en: 'SAAQ licence' };

/**
 * The head of a full-page document: bilingual title, number, dealer (unless the layout has
 * its own dealer section), issue and expiry instants, and the QR code at the top right.
 */
export function drawHeader(
  sheet: Sheet,
  document: IssuedDocument,
  title: BilingualText,
  { withDealer = true }: { withDealer?: boolean } = {},
): void {
  const top = sheet.y;
  sheet.qrCode(LETTER.width - MARGIN - HEADER_QR_SIZE, top, HEADER_QR_SIZE);
  sheet.drawText(
    bothLanguages({ fr: 'Vérifier', en: 'Verify' }),
    LETTER.width - MARGIN - HEADER_QR_SIZE + 22,
    top - HEADER_QR_SIZE - 8,
    { size: 7.5, color: ink.label },
  );
  const textWidth = sheet.contentWidth - HEADER_QR_SIZE - 12;
  sheet.paragraph(title.fr.toUpperCase(), { size: 15, bold: true, width: textWidth });
  sheet.paragraph(title.en, { size: 10.5, color: ink.label, width: textWidth });
  sheet.space(6);
  sheet.paragraph(`${bothLanguages({ fr: 'Numéro', en: 'Number' })} : ${document.number}`, {
    size: 13,
    bold: true,
    width: textWidth,
  });
  if (withDealer) sheet.paragraph(dealerLine(document), { size: 9, width: textWidth });
  const validity = [
    `${bothLanguages({ fr: 'Émis le', en: 'Issued' })} : ${paperDateTime(document.issuedAt)}`,
  ];
  if (document.expiresAt !== undefined) {
    validity.push(
      `${bothLanguages({ fr: 'Expire le', en: 'Expires' })} : ${paperDateTime(document.expiresAt)}`,
    );
  }
  sheet.paragraph(validity.join('    '), { size: 9, width: textWidth });
  sheet.y = Math.min(sheet.y, top - HEADER_QR_SIZE - 10);
}

/** The vehicle block most documents share. */
export function vehicleFields(document: IssuedDocument): {
  label: BilingualText;
  value: string;
  span?: number;
}[] {
  const { vehicle } = document;
  return [
    { label: { fr: 'NIV', en: 'VIN' }, value: vehicle.vin, span: 2 },
    { label: { fr: 'Année', en: 'Year' }, value: String(vehicle.year) },
    { label: { fr: 'Marque', en: 'Make' }, value: vehicle.make },
    { label: { fr: 'Modèle', en: 'Model' }, value: vehicle.model },
    { label: { fr: 'Type', en: 'Type' }, value: paperLabel(vehicle.type) },
  ];
}

const banners = {
  copy: { fr: 'COPIE', en: 'COPY', note: { fr: 'Réimpression', en: 'Reprint' } },
  preview: { fr: 'APERÇU', en: 'PREVIEW', note: { fr: 'Non officiel', en: 'Unofficial' } },
} as const;

/**
 * Draws, on every page once the content is done: the COPY / PREVIEW banner and the offline
 * mark in the strip kept free at the top, the diagonal PREVIEW watermark OVER the content (so
 * a preview can never pass for an original), and the footer.
 */
export function finishPages(sheet: Sheet, document: IssuedDocument, options: RenderOptions): void {
  const pages = sheet.pages();
  pages.forEach((page, index) => {
    sheet.page = page;
    const bannerY = LETTER.height - MARGIN - BANNER_HEIGHT + 6;
    if (options.mark !== 'original') {
      const banner = banners[options.mark];
      const text = `${banner.fr} / ${banner.en} — ${bothLanguages(banner.note)}`;
      page.drawRectangle({
        x: MARGIN,
        y: bannerY - 5,
        width: sheet.width(text, 10.5, true) + 12,
        height: 17,
        borderColor: ink.alert,
        borderWidth: 1.2,
      });
      sheet.drawText(text, MARGIN + 6, bannerY, { size: 10.5, bold: true, color: ink.alert });
    }
    // A paper a kiosk issued from its lease says so on every page, even once countersigned.
    if (options.issuedOffline === true || document.issuedBy.leaseId !== undefined) {
      // Right-aligned, so that it shares the strip with a COPY or PREVIEW banner.
      const text = bothLanguages({ fr: 'ÉMIS HORS LIGNE', en: 'ISSUED OFFLINE' });
      const x = LETTER.width - MARGIN - sheet.width(text, 10.5, true);
      sheet.drawText(text, x, bannerY, { size: 10.5, bold: true, color: ink.alert });
    }
    if (options.mark === 'preview') drawPreviewWatermark(sheet);
    drawFooter(sheet, document, index + 1, pages.length);
  });
}

function drawPreviewWatermark(sheet: Sheet): void {
  const text = `${banners.preview.fr} / ${banners.preview.en}`;
  const size = 64;
  const width = sheet.width(text, size, true);
  // Centre the rotated baseline on the page centre: move back along the 45° diagonal.
  const half = width / 2 / Math.SQRT2;
  sheet.page.drawText(sheet.fonts.drawable(text), {
    x: LETTER.width / 2 - half + (size / 2) * Math.SQRT1_2,
    y: LETTER.height / 2 - half - (size / 2) * Math.SQRT1_2,
    size,
    font: sheet.fonts.bold,
    color: ink.alert,
    opacity: 0.25,
    rotate: degrees(45),
  });
}

function drawFooter(sheet: Sheet, document: IssuedDocument, page: number, pages: number): void {
  const y = MARGIN - 4;
  sheet.page.drawLine({
    start: { x: MARGIN, y: y + 22 },
    end: { x: LETTER.width - MARGIN, y: y + 22 },
    thickness: 0.5,
    color: ink.rule,
  });
  const signer = bothLanguages(
    document.issuedBy.signer === 'kiosk'
      ? { fr: 'poste certifié', en: 'certified kiosk' }
      : { fr: 'registre', en: 'registry' },
  );
  sheet.drawText(
    `${bothLanguages({ fr: 'Document signé électroniquement', en: 'Electronically signed document' })} (${signer}, ${document.issuedBy.kid.slice(0, 8)}). ${bothLanguages({ fr: 'Vérifiez-le avec le code QR', en: 'Verify it with the QR code' })}.`,
    MARGIN,
    y + 11,
    { size: 7, color: ink.label },
  );
  // A paper issued offline says so, with its lease: the reader knows to expect the registry
  // to confirm it once the kiosk synchronises (docs/sync.md, "Offline issuance").
  const { leaseId } = document.issuedBy;
  if (leaseId !== undefined) {
    sheet.drawText(
      `${bothLanguages({ fr: 'Émis hors ligne', en: 'Issued offline' })} — ${bothLanguages({ fr: 'bail', en: 'lease' })} ${leaseId}`,
      MARGIN,
      y + 26,
      { size: 7, bold: true, color: ink.alert },
    );
  }
  const person = document.issuedBy.person
    ? ` — ${bothLanguages({ fr: 'Émis par', en: 'Issued by' })} ${document.issuedBy.person.name}`
    : '';
  sheet.drawText(
    `${bothLanguages({ fr: 'Heures de Montréal', en: 'Montréal time' })} — ${document.number}${person} — ${bothLanguages({ fr: 'Page', en: 'Page' })} ${page}/${pages}`,
    MARGIN,
    y + 1,
    { size: 7, color: ink.label },
  );
}
