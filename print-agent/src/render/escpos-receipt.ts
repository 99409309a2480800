import type { renderReceiptEscPos } from '@comptoir/shared/documents';
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';

/** ESC @: reset the printer to its power-on state. */
const INITIALIZE = [0x1b, 0x40];

/** The printer-independent receipt the shared layout describes. */
type ReceiptDescription = ReturnType<typeof renderReceiptEscPos>;

/**
 * Turns the shared receipt description into ESC/POS bytes with node-thermal-printer's command
 * builder (Epson dialect, code page 863 as the layout folded the text for). The builder is only
 * used to compose bytes: the escpos driver sends them.
 */
export function receiptToEscPos(receipt: ReceiptDescription): Uint8Array {
  const builder = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    // Never opened: the builder needs an interface string to construct, not a connection.
    interface: 'tcp://127.0.0.1:9100',
    width: receipt.columns,
    characterSet: CharacterSet.PC863_CANADIAN_FRENCH,
  });
  for (const line of receipt.lines) {
    switch (line.type) {
      case 'text':
        if (line.align === 'center') builder.alignCenter();
        else builder.alignLeft();
        builder.bold(line.bold);
        if (line.large) builder.setTextDoubleHeight();
        builder.println(line.text);
        builder.setTextNormal();
        builder.bold(false);
        break;
      case 'pair':
        builder.alignLeft();
        builder.leftRight(line.left, line.right);
        break;
      case 'rule':
        builder.drawLine();
        break;
      case 'qr':
        builder.alignCenter();
        builder.printQR(line.data, { cellSize: line.cellSize, correction: 'M' });
        builder.alignLeft();
        break;
      case 'feed':
        for (let i = 0; i < line.lines; i++) builder.newLine();
        break;
      case 'cut':
        builder.cut();
        break;
    }
  }
  // ESC @ first: a previous job (or another program) may have left bold, size or code page set.
  return Uint8Array.from([...INITIALIZE, ...builder.getBuffer()]);
}
