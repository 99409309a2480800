import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { DocumentRenderer } from '../render/document-renderer.js';

/**
 * The test twin of the template renderer: a one-page PDF (or ESC/POS text) with the number,
 * kind, plate number and mark, fast and independent of the shared layouts. Tests that must
 * see the real layouts use `createTemplateRenderer()`.
 */
export function createPlainRenderer(): DocumentRenderer & { calls: number } {
  const renderer = {
    calls: 0,
    async render(
      document: Parameters<DocumentRenderer['render']>[0],
      options: Parameters<DocumentRenderer['render']>[1],
    ) {
      renderer.calls += 1;
      const plate =
        'plateNumber' in document && typeof document.plateNumber === 'string'
          ? document.plateNumber
          : '';
      const lines = [
        `${options.mark.toUpperCase()} ${document.kind} ${document.number}`,
        plate,
        options.qrUrl,
      ];
      if (options.format === 'escpos')
        return Buffer.from(`\x1b@${lines.join('\n')}\n\x1dV\x00`, 'latin1');
      const pdf = await PDFDocument.create();
      const page = pdf.addPage([612, 792]);
      const font = await pdf.embedFont(StandardFonts.Helvetica);
      lines.forEach((line, i) => page.drawText(line, { x: 50, y: 700 - i * 30, size: 14, font }));
      // Content streams are compressed: a comment line after the body lets tests read the
      // mark from the bytes (PDF readers skip comments).
      const bytes = await pdf.save();
      return Buffer.concat([bytes, Buffer.from(`\n%ComptoirTest ${lines[0] ?? ''}\n`, 'latin1')]);
    },
  };
  return renderer;
}
