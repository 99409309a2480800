import { renderDocumentPdf, renderReceiptEscPos } from '@comptoir/shared/documents';
import type { DocumentRenderer } from './document-renderer.js';

/**
 * The production renderer: the shared layouts, the same the kiosk previews with. Receipts to a
 * thermal printer go out as ESC/POS; everything else as a letter-size PDF.
 */
export function createTemplateRenderer(): DocumentRenderer {
  return {
    async render(document, { mark, qrUrl, format }) {
      if (format === 'escpos') return renderReceiptEscPos(document, { mark, qrUrl });
      return renderDocumentPdf(document, { mark, qrUrl });
    },
  };
}
