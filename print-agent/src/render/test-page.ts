import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/**
 * The TEST page of the admin page: the only unsigned page the agent prints. It carries no
 * document data, only the printer's name and the time, so it can never pass for a document.
 */
export async function renderTestPage(
  printerName: string,
  format: 'pdf' | 'escpos',
  at: Date,
): Promise<Uint8Array> {
  const lines = [
    'Comptoir - PAGE DE TEST / TEST PAGE',
    `Imprimante / Printer : ${printerName}`,
    `${at.toISOString()}`,
    'Aucune valeur officielle / Not an official document',
  ];
  if (format === 'escpos') return escposText(lines);
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([612, 792]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  lines.forEach((line, index) => {
    page.drawText(line, {
      x: 72,
      y: 700 - index * 28,
      size: index === 0 ? 20 : 13,
      font,
      color: rgb(0, 0, 0),
    });
  });
  return pdf.save();
}

/** Plain ESC/POS: initialise, ASCII lines, feed and cut. */
function escposText(lines: string[]): Uint8Array {
  const text = lines.map((l) => l.normalize('NFD').replace(/[^\x20-\x7e]/g, '')).join('\n');
  return Uint8Array.from([0x1b, 0x40, ...Buffer.from(`${text}\n\n\n`, 'ascii'), 0x1d, 0x56, 0x00]);
}
