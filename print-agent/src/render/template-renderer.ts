import { renderDocumentPdf, renderReceiptEscPos } from '@comptoir/shared/documents';
import type { DocumentRenderer } from './document-renderer.js';
import { receiptToEscPos } from './escpos-receipt.js';

/**
 * The production renderer: the shared layouts, the same the kiosk previews with. Page printers
 * get the letter-size PDF (fonts embedded, QR code); thermal printers get the 80 mm receipt.
 */
export function createTemplateRenderer(): DocumentRenderer {
  return {
    async render(document, { mark, qrUrl, format }) {
      if (format === 'escpos') {
        return receiptToEscPos(renderReceiptEscPos(document, { qrUrl, copy: mark === 'copy' }));
      }
      return renderDocumentPdf(document, { mark, qrUrl });
    },
  };
}
