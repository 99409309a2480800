import type { IssuedDocumentOf } from '../../schemas/document.schema.js';
import { documentTitles } from '../document-titles.js';
import { bothLanguages } from '../paper-text.js';
import { drawHeader } from '../pdf/frame.js';
import type { Sheet } from '../pdf/sheet.js';

/**
 * A receipt on letter paper, for sites without a thermal printer: the same lines as the
 * 80 mm slip. Not an official document.
 */
export function layoutReceiptPage(sheet: Sheet, document: IssuedDocumentOf<'receipt'>): void {
  drawHeader(sheet, document, documentTitles.receipt);
  sheet.fields(
    document.lines.map((line) => ({ label: line.label, value: line.value })),
    2,
  );
  sheet.paragraph(
    bothLanguages({
      fr: 'Ce reçu n’est pas un document officiel',
      en: 'This receipt is not an official document',
    }),
    { size: 8 },
  );
}
