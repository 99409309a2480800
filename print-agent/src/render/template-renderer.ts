import { renderDocumentPdf } from '@comptoir/shared/documents';
import type { DocumentRenderer } from './document-renderer.js';

/**
 * The production renderer: the shared layouts, the same the kiosk previews with (letter-size
 * PDF, fonts embedded, QR code).
 */
export function createTemplateRenderer(): DocumentRenderer {
  return {
    async render(document, { mark, qrUrl, format }) {
      if (format === 'escpos') {
        // The shared 80 mm ESC/POS receipt layout (`renderReceiptEscPos`) is not published yet:
        // refusing is honest, printing a home-made layout would not be.
        throw new Error('ESC/POS receipt layout not available in @comptoir/shared yet');
      }
      return renderDocumentPdf(document, { mark, qrUrl });
    },
  };
}
