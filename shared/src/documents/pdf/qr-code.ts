import {
  concatTransformationMatrix,
  drawObject,
  type PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import QRCode from 'qrcode';

/** The white margin a scanner needs around a QR code, in modules (ISO/IEC 18004). */
const QUIET_ZONE_MODULES = 4;

/** A QR code ready to draw: its drawing in module units. */
export interface QrSymbol {
  /** Modules across, quiet zone included. */
  moduleCount: number;
  /** Modules across without the quiet zone (21 for version 1, 4 more per version). */
  symbolSize: number;
  /** The PDF content stream of the dark modules, uncompressed (the sheet deflates on save). */
  content: Uint8Array;
}

/**
 * Encodes `data` as a QR code (error correction M, ISO/IEC 18004) and prepares its drawing:
 * one `re` per horizontal run of dark modules, in module units, all filled at once (no
 * hairline seams between rows). Vector, not raster: crisp at any printer resolution. Written
 * as text because pdf-lib's operator objects were most of a plate's render time.
 */
export function prepareQrCode(data: string): QrSymbol {
  const { modules } = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const moduleCount = modules.size + 2 * QUIET_ZONE_MODULES;
  const runs: string[] = ['0 g'];
  for (let row = 0; row < modules.size; row++) {
    const bottom = moduleCount - QUIET_ZONE_MODULES - row - 1;
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
  return {
    moduleCount,
    symbolSize: modules.size,
    content: new TextEncoder().encode(runs.join('\n')),
  };
}

/** The form XObject of each document's QR code, registered once however many pages use it. */
const registeredForms = new WeakMap<PDFDocument, Map<QrSymbol, PDFRef>>();

/**
 * Module sizes are whole quarters of a point: at 72 dpi (a phone at arm's length, a worn
 * print, `pdftoppm -r 72`) a 2-point module is exactly 2 pixels, with no grey seams between
 * modules that a decoder must guess about.
 */
const MODULE_STEP = 0.25;

/**
 * Draws a prepared QR code in the square box of `size` points whose top-left corner is
 * (left, top): modules as large as the box allows, in whole quarters of a point, the code
 * anchored at the box's top-left corner on whole points. Returns the side drawn, quiet zone
 * included.
 */
export function drawQrCode(
  pdf: PDFDocument,
  page: PDFPage,
  symbol: QrSymbol,
  left: number,
  top: number,
  size: number,
): number {
  const moduleSize = Math.floor(size / symbol.moduleCount / MODULE_STEP) * MODULE_STEP;
  const side = moduleSize * symbol.moduleCount;
  const x = Math.round(left);
  const y = Math.round(top) - side;
  let forms = registeredForms.get(pdf);
  if (forms === undefined) {
    forms = new Map();
    registeredForms.set(pdf, forms);
  }
  let form = forms.get(symbol);
  if (form === undefined) {
    const { moduleCount, content } = symbol;
    form = pdf.context.register(
      pdf.context.stream(content, {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, moduleCount, moduleCount],
      }),
    );
    forms.set(symbol, form);
  }
  const name = page.node.newXObject('QR', form);
  page.drawRectangle({ x, y, width: side, height: side, color: rgb(1, 1, 1) });
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(moduleSize, 0, 0, moduleSize, x, y),
    drawObject(name),
    popGraphicsState(),
  );
  return side;
}
