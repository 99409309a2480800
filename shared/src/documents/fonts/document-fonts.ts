import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { embeddedFontsBase64 } from './embedded-fonts.js';

/** The two faces of every document, embedded in one PDF. */
export interface DocumentFonts {
  regular: PDFFont;
  bold: PDFFont;
  /** Makes any text drawable with these fonts (see {@link foldToCharset}). */
  drawable: (text: string) => string;
}

type Face = keyof typeof embeddedFontsBase64;

const decodedFaces = new Map<Face, Uint8Array>();

/** The TTF bytes of a face, decoded once per process (atob exists in Node 20 and browsers). */
export function fontBytes(face: Face): Uint8Array {
  let bytes = decodedFaces.get(face);
  if (bytes === undefined) {
    bytes = Uint8Array.from(atob(embeddedFontsBase64[face]), (char) => char.charCodeAt(0));
    decodedFaces.set(face, bytes);
  }
  return bytes;
}

const parsedFaces = new Map<Face, fontkit.Font>();

/** A face parsed by fontkit once per process, for metrics (widths, glyph outlines). */
export function fontMetrics(face: Face): fontkit.Font {
  let font = parsedFaces.get(face);
  if (font === undefined) {
    font = fontkit.create(fontBytes(face));
    parsedFaces.set(face, font);
  }
  return font;
}

const advanceTables = new Map<Face, Map<number, number>>();

/**
 * Width of `text` at `size` points, from a per-face table of advance widths. WHY not pdf-lib's
 * widthOfTextAtSize: it runs fontkit's full text shaping for every call, and wrapping measures
 * hundreds of candidate lines per page. Equal to it here: the fonts carry no kerning.
 */
export function textWidth(face: Face, text: string, size: number): number {
  const font = fontMetrics(face);
  let advances = advanceTables.get(face);
  if (advances === undefined) {
    advances = new Map(
      font.characterSet.map((codePoint) => [
        codePoint,
        font.glyphForCodePoint(codePoint).advanceWidth,
      ]),
    );
    advanceTables.set(face, advances);
  }
  let units = 0;
  for (const char of text) {
    units += advances.get(char.codePointAt(0) ?? 0) ?? font.unitsPerEm / 2;
  }
  return (units * size) / font.unitsPerEm;
}

/**
 * pdf-lib asks its fontkit to parse the font bytes on every embedding; this one hands back the
 * face already parsed (a fontkit Font is not modified by layout or measuring), which took a
 * third of a document's render time off.
 */
const cachedFontkit = {
  create(bytes: Uint8Array): fontkit.Font {
    for (const face of ['regular', 'bold'] as const) {
      if (bytes === fontBytes(face)) return fontMetrics(face);
    }
    return fontkit.create(bytes);
  },
};

/** Embeds both faces into `pdf` (whole: they are already small subsets). */
export async function embedDocumentFonts(pdf: PDFDocument): Promise<DocumentFonts> {
  pdf.registerFontkit(cachedFontkit);
  const regular = await pdf.embedFont(fontBytes('regular'));
  const bold = await pdf.embedFont(fontBytes('bold'));
  const charset = new Set(regular.getCharacterSet());
  return { regular, bold, drawable: (text) => foldToCharset(text, charset) };
}

/**
 * Folds text into what the fonts can draw, so that a name with a letter outside the subset
 * prints as its closest plain letter rather than an empty box: narrow no-break spaces
 * (fr-CA number formatting) become no-break spaces, accents missing from the subset are
 * dropped, anything else becomes `?`.
 */
export function foldToCharset(text: string, charset: ReadonlySet<number>): string {
  let folded = '';
  for (const char of text.replace(/[\u202f\u2007]/g, '\u00a0')) {
    const codePoint = char.codePointAt(0) ?? 0x3f;
    if (charset.has(codePoint)) {
      folded += char;
      continue;
    }
    const base = char.normalize('NFD').replace(/\p{M}/gu, '');
    folded += [...base].every((c) => charset.has(c.codePointAt(0) ?? 0)) && base ? base : '?';
  }
  return folded;
}
