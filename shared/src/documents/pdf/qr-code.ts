import type { PDFPage } from 'pdf-lib';
import { rgb } from 'pdf-lib';
import QRCode from 'qrcode';

/** The white margin a scanner needs around a QR code, in modules (ISO/IEC 18004). */
const QUIET_ZONE_MODULES = 4;

/**
 * Draws `data` as a QR code of `size` points (quiet zone included) with its lower-left corner
 * at (x, y). Drawn as vector rectangles, one per horizontal run of dark modules: crisp at any
 * printer resolution and far fewer operators than one square per module.
 */
export function drawQrCode(page: PDFPage, data: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const count = modules.size + 2 * QUIET_ZONE_MODULES;
  const moduleSize = size / count;
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  const black = rgb(0, 0, 0);
  for (let row = 0; row < modules.size; row++) {
    let runStart = -1;
    for (let col = 0; col <= modules.size; col++) {
      const isDark = col < modules.size && modules.get(row, col) === 1;
      if (isDark && runStart < 0) runStart = col;
      if (!isDark && runStart >= 0) {
        page.drawRectangle({
          x: x + (QUIET_ZONE_MODULES + runStart) * moduleSize,
          y: y + size - (QUIET_ZONE_MODULES + row + 1) * moduleSize,
          width: (col - runStart) * moduleSize,
          // A hair taller than a module so that rows touch without white seams when rasterized.
          height: moduleSize * 1.02,
          color: black,
        });
        runStart = -1;
      }
    }
  }
}
