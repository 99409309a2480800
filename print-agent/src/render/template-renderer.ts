import type * as SharedLayouts from '@comptoir/shared/documents';
import type { DocumentRenderer } from './document-renderer.js';
import { receiptToEscPos } from './escpos-receipt.js';

type Layouts = typeof SharedLayouts;
let layouts: Promise<Layouts> | undefined;

/**
 * The production renderer: the shared layouts, the same the kiosk previews with. Page printers
 * get the letter-size PDF (fonts embedded, QR code); thermal printers get the 80 mm receipt.
 * The layouts (fonts, pdf-lib: ~30 MB) load on the first job, not at start: an idle agent on a
 * kiosk stays small.
 */
export function createTemplateRenderer(): DocumentRenderer {
  return {
    async render(document, { mark, qrUrl, format }) {
      layouts ??= import('@comptoir/shared/documents');
      const { renderDocumentPdf, renderReceiptEscPos } = await layouts;
      if (format === 'escpos') {
        return receiptToEscPos(renderReceiptEscPos(document, { qrUrl, copy: mark === 'copy' }));
      }
      return renderDocumentPdf(document, { mark, qrUrl });
    },
  };
}
