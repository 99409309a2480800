/**
 * `@comptoir/shared/documents`: the official document layouts (letter-size PDF, fonts
 * embedded, vector QR) and the 80 mm receipt, rendered the same in Node and in the browser.
 */
export { renderDocumentPdf } from './render-document-pdf.js';
export { type RenderOptions } from './render-options.js';
export { sampleDocument } from './sample-documents.js';
export {
  fitPlateNumber,
  PLATE_NUMBER_MIN_HEIGHT_MM,
  type PlateNumberFit,
} from './layouts/plate-number-fit.js';
export {
  foldForThermal,
  RECEIPT_COLUMNS,
  renderReceiptEscPos,
  renderReceiptText,
  type ReceiptDescription,
  type ReceiptLine,
  type ReceiptOptions,
} from './receipt/receipt.js';
export { documentTitles } from './document-titles.js';
export { paperDateTime, paperLabel } from './paper-text.js';
