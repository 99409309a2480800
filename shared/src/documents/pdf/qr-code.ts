import {
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  type PDFDocument,
  type PDFPage,
} from 'pdf-lib';
import QRCode from 'qrcode';

/** The white margin a scanner needs around a QR code, in modules (ISO/IEC 18004). */
const QUIET_ZONE_MODULES = 4;

/**
 * Draws `data` as a QR code of `size` points (quiet zone included) with its lower-left corner
 * at (x, y). Vector, not raster: crisp at any printer resolution.
 *
 * The modules become one form XObject in module units (one `re` per horizontal run of dark
 * modules, all filled at once, so no hairline seams between rows), scaled into place. WHY
 * the hand-written content stream: going through pdf-lib's operator objects, one per run,
 * was half of a plate's render time.
 */
export function drawQrCode(
  pdf: PDFDocument,
  page: PDFPage,
  data: string,
  x: number,
  y: number,
  size: number,
): void {
  const { modules } = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const count = modules.size + 2 * QUIET_ZONE_MODULES;
  const runs: string[] = ['0 g'];
  for (let row = 0; row < modules.size; row++) {
    const bottom = count - QUIET_ZONE_MODULES - row - 1;
    let runStart = -1;
    for (let col = 0; col <= modules.size; col++) {
      const isDark = col < modules.size && modules.get(row, col) === 1;
      if (isDark && runStart < 0) runStart = col;
      if (!isDark && runStart >= 0) {
        runs.push(`${QUIET_ZONE_MODULES + runStart} ${bottom} ${col - runStart} 1 re`);
        runStart = -1;
      }
    }
  }
  runs.push('f');
  const form = pdf.context.flateStream(runs.join('\n'), {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, count, count],
  });
  const name = page.node.newXObject('QR', pdf.context.register(form));
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  const moduleSize = size / count;
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(moduleSize, 0, 0, moduleSize, x, y),
    drawObject(name),
    popGraphicsState(),
  );
}
