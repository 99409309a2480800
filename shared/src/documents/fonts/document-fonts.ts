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

let boldMetrics: fontkit.Font | undefined;

/** The bold face parsed by fontkit, for measuring glyph outlines (the plate number's height). */
export function boldFontMetrics(): fontkit.Font {
  boldMetrics ??= fontkit.create(fontBytes('bold'));
  return boldMetrics;
}

/** Embeds both faces into `pdf` (whole: they are already small subsets). */
export async function embedDocumentFonts(pdf: PDFDocument): Promise<DocumentFonts> {
  pdf.registerFontkit(fontkit);
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
