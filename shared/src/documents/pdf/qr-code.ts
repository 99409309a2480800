import {
  concatTransformationMatrix,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingGrayscaleColor,
  type PDFPage,
} from 'pdf-lib';
import QRCode from 'qrcode';

/** The white margin a scanner needs around a QR code, in modules (ISO/IEC 18004). */
const QUIET_ZONE_MODULES = 4;

/**
 * Draws `data` as a QR code of `size` points (quiet zone included) with its lower-left corner
 * at (x, y). Vector, not raster: crisp at any printer resolution. One rectangle per horizontal
 * run of dark modules, all in ONE path filled once, in module units under a scaling matrix:
 * pdf-lib's drawRectangle per module made a plate PDF ten times slower, and a single fill
 * leaves no hairline seams between rows when rasterized.
 */
export function drawQrCode(page: PDFPage, data: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const count = modules.size + 2 * QUIET_ZONE_MODULES;
  const moduleSize = size / count;
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  const operators = [
    pushGraphicsState(),
    concatTransformationMatrix(moduleSize, 0, 0, moduleSize, x, y),
    setFillingGrayscaleColor(0),
  ];
  for (let row = 0; row < modules.size; row++) {
    const bottom = count - QUIET_ZONE_MODULES - row - 1;
    let runStart = -1;
    for (let col = 0; col <= modules.size; col++) {
      const isDark = col < modules.size && modules.get(row, col) === 1;
      if (isDark && runStart < 0) runStart = col;
      if (!isDark && runStart >= 0) {
        operators.push(rectangle(QUIET_ZONE_MODULES + runStart, bottom, col - runStart, 1));
        runStart = -1;
      }
    }
  }
  operators.push(fill(), popGraphicsState());
  page.pushOperators(...operators);
}
