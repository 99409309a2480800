import type { BilingualText } from '../../bilingual.js';
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { embedDocumentFonts, textWidth, type DocumentFonts } from '../fonts/document-fonts.js';
import { bothLanguages } from '../paper-text.js';
import { deflateStreams } from './native-deflate.js';
import { drawQrCode, prepareQrCode, type QrSymbol } from './qr-code.js';

/** US Letter, in PDF points: the paper every Québec office printer holds. */
export const LETTER = { width: 612, height: 792 } as const;
/** Points per millimetre. */
export const POINTS_PER_MM = 72 / 25.4;
/** Page margin: 14 mm, inside every office printer's unprintable edge. */
export const MARGIN = 40;
/** Height kept free at the top of each page for the COPY / PREVIEW / offline banners. */
export const BANNER_HEIGHT = 22;
/** Height kept free at the bottom of each page for the footer. */
const FOOTER_HEIGHT = 34;

/** A label and its printed value. `span` is how many grid columns it takes (default 1). */
export interface Field {
  label: BilingualText;
  value: string;
  span?: number;
}

/** Greys and ink used across layouts. */
export const ink = {
  text: rgb(0, 0, 0),
  label: rgb(0.35, 0.35, 0.35),
  rule: rgb(0.6, 0.6, 0.6),
  band: rgb(0.9, 0.9, 0.9),
  alert: rgb(0.7, 0, 0),
} as const;

interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: RGB;
}

/**
 * A top-to-bottom writer over a letter-size PDF: layouts say what to print, in order, and the
 * sheet handles fonts, wrapping, the cursor and new pages. Coordinates are PDF points with the
 * origin at the bottom left, as in pdf-lib.
 */
export class Sheet {
  /** The cursor: where the next block's top goes. */
  y = 0;
  page!: PDFPage;
  readonly contentWidth = LETTER.width - 2 * MARGIN;

  private constructor(
    readonly pdf: PDFDocument,
    readonly fonts: DocumentFonts,
    private readonly qrSymbol: QrSymbol,
  ) {
    this.newPage();
  }

  /**
   * A new document with the embedded fonts, its first page and its QR code prepared (the
   * one asynchronous step, so that layouts stay plain synchronous code).
   */
  static async create(title: string, qrData: string): Promise<Sheet> {
    const pdf = await PDFDocument.create();
    pdf.setTitle(title);
    pdf.setCreator('Comptoir');
    pdf.setProducer('Comptoir (pdf-lib)');
    pdf.setLanguage('fr-CA');
    return new Sheet(pdf, await embedDocumentFonts(pdf), prepareQrCode(qrData));
  }

  /**
   * The finished PDF: streams deflated natively in one go, object streams off (a few KB
   * larger, but every PDF reader and printer RIP accepts it).
   */
  async save(): Promise<Uint8Array> {
    await deflateStreams(this.pdf.context);
    return this.pdf.save({ useObjectStreams: false, updateFieldAppearances: false });
  }

  /** Starts a new page and puts the cursor under the banner strip. */
  newPage(): void {
    this.page = this.pdf.addPage([LETTER.width, LETTER.height]);
    this.y = LETTER.height - MARGIN - BANNER_HEIGHT;
  }

  /** Moves to a new page unless `height` points still fit above the footer. */
  ensureSpace(height: number): void {
    if (this.y - height < MARGIN + FOOTER_HEIGHT) this.newPage();
  }

  /** The embedded face for body text, or bold. */
  font(bold = false): PDFFont {
    return bold ? this.fonts.bold : this.fonts.regular;
  }

  /** Width of `text` at `size`, after folding it into the fonts' characters. */
  width(text: string, size: number, bold = false): number {
    return textWidth(bold ? 'bold' : 'regular', this.fonts.drawable(text), size);
  }

  /** Draws one line of text with its baseline at (x, y). */
  drawText(text: string, x: number, y: number, style: TextStyle = {}): void {
    this.page.drawText(this.fonts.drawable(text), {
      x,
      y,
      size: style.size ?? 10,
      font: this.font(style.bold),
      color: style.color ?? ink.text,
    });
  }

  /** Splits text into lines no wider than `maxWidth` (words longer than a line are cut). */
  wrap(text: string, maxWidth: number, size: number, bold = false): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (this.width(candidate, size, bold) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = word;
      while (this.width(line, size, bold) > maxWidth && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && this.width(line.slice(0, cut), size, bold) > maxWidth) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    if (line !== '') lines.push(line);
    return lines.length === 0 ? [''] : lines;
  }

  /** A wrapped paragraph at the cursor, over `width` (default: the whole content width). */
  paragraph(text: string, style: TextStyle & { width?: number; x?: number } = {}): void {
    const size = style.size ?? 10;
    const lineHeight = size * 1.3;
    for (const line of this.wrap(text, style.width ?? this.contentWidth, size, style.bold)) {
      this.ensureSpace(lineHeight);
      this.y -= lineHeight;
      this.drawText(line, style.x ?? MARGIN, this.y + size * 0.25, style);
    }
  }

  /** Vertical space. */
  space(points: number): void {
    this.y -= points;
  }

  /** A grey band with a bilingual section title. */
  section(title: BilingualText): void {
    this.ensureSpace(40);
    this.y -= 6;
    this.page.drawRectangle({
      x: MARGIN,
      y: this.y - 16,
      width: this.contentWidth,
      height: 16,
      color: ink.band,
    });
    this.drawText(bothLanguages(title).toUpperCase(), MARGIN + 4, this.y - 12, {
      size: 9,
      bold: true,
    });
    this.y -= 20;
  }

  /**
   * Label/value cells on a grid of `columns` equal columns: the label small and grey above,
   * the value below (wrapped inside its cell). Rows grow to their tallest cell.
   */
  fields(fields: readonly Field[], columns = 3): void {
    const gap = 8;
    const columnWidth = (this.contentWidth - gap * (columns - 1)) / columns;
    const valueSize = 10.5;
    let row: { field: Field; column: number }[] = [];
    let column = 0;
    const flush = (): void => {
      if (row.length === 0) return;
      const cells = row.map(({ field, column: at }) => {
        const span = Math.min(field.span ?? 1, columns - at);
        const width = columnWidth * span + gap * (span - 1);
        return {
          x: MARGIN + at * (columnWidth + gap),
          labelLines: this.wrap(bothLanguages(field.label), width, 7.5),
          valueLines: this.wrap(field.value === '' ? '—' : field.value, width, valueSize, true),
        };
      });
      const height = Math.max(
        ...cells.map((c) => c.labelLines.length * 9.5 + c.valueLines.length * valueSize * 1.25),
      );
      this.ensureSpace(height + 5);
      for (const cell of cells) {
        let y = this.y;
        for (const line of cell.labelLines) {
          y -= 9.5;
          this.drawText(line, cell.x, y + 2, { size: 7.5, color: ink.label });
        }
        for (const line of cell.valueLines) {
          y -= valueSize * 1.25;
          this.drawText(line, cell.x, y + 3, { size: valueSize, bold: true });
        }
      }
      this.y -= height + 5;
      row = [];
      column = 0;
    };
    for (const field of fields) {
      const span = Math.min(field.span ?? 1, columns);
      if (column + span > columns) flush();
      row.push({ field, column });
      column += span;
    }
    flush();
  }

  /** Lines to sign on, side by side, each with its bilingual caption under it. */
  signatureLines(captions: readonly string[]): void {
    const perRow = 3;
    const gap = 20;
    const width = (this.contentWidth - gap * (perRow - 1)) / perRow;
    for (let start = 0; start < captions.length; start += perRow) {
      this.ensureSpace(58);
      this.y -= 34;
      captions.slice(start, start + perRow).forEach((caption, index) => {
        const x = MARGIN + index * (width + gap);
        this.page.drawLine({
          start: { x, y: this.y },
          end: { x: x + width, y: this.y },
          thickness: 0.8,
          color: ink.text,
        });
        this.wrap(caption, width, 8).forEach((line, lineIndex) => {
          this.drawText(line, x, this.y - 10 - lineIndex * 10, { size: 8, color: ink.label });
        });
      });
      this.y -= 22;
    }
  }

  /**
   * The document's QR code in a box `size` points wide whose top-left corner is (x, top); see
   * `drawQrCode`. Returns the side drawn.
   */
  qrCode(x: number, top: number, size: number): number {
    return drawQrCode(this.pdf, this.page, this.qrSymbol, x, top, size);
  }

  /** Every page of the document, for marks and footers drawn once the content is done. */
  pages(): PDFPage[] {
    return this.pdf.getPages();
  }
}
