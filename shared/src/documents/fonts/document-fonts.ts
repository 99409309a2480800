import fontkit from '@pdf-lib/fontkit';
import {
  CustomFontEmbedder,
  PDFDocument,
  PDFFont,
  PDFHexString,
  PDFObjectCopier,
  PDFArray,
  PDFDict,
  PDFName,
  type PDFRef,
} from 'pdf-lib';
import { PreserializedValue } from '../pdf/preserialized.js';
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

/** What drawing needs of one glyph, looked up by code point. */
interface GlyphEntry {
  /** The glyph id as the 4 hex digits of an Identity-H string. */
  hex: string;
  advance: number;
}

const glyphTables = new Map<Face, Map<number, GlyphEntry>>();

/** Glyph id and advance of every code point of a face, built once per process. */
function glyphTable(face: Face): Map<number, GlyphEntry> {
  let table = glyphTables.get(face);
  if (table === undefined) {
    const font = fontMetrics(face);
    table = new Map(
      font.characterSet.map((codePoint) => {
        const glyph = font.glyphForCodePoint(codePoint);
        return [
          codePoint,
          { hex: glyph.id.toString(16).padStart(4, '0'), advance: glyph.advanceWidth },
        ];
      }),
    );
    glyphTables.set(face, table);
  }
  return table;
}

/**
 * Width of `text` at `size` points, from the face's table of advance widths. WHY not
 * fontkit's layout: it runs full text shaping for every call, and wrapping measures hundreds
 * of candidate lines per page. Equal to it here: the fonts carry no kerning nor GPOS.
 */
export function textWidth(face: Face, text: string, size: number): number {
  const table = glyphTable(face);
  const unitsPerEm = fontMetrics(face).unitsPerEm;
  let units = 0;
  for (const char of text) {
    units += table.get(char.codePointAt(0) ?? 0)?.advance ?? unitsPerEm / 2;
  }
  return (units * size) / unitsPerEm;
}

/**
 * pdf-lib's own embedder shapes every string through fontkit (`font.layout`) to find glyph
 * ids, and rebuilds the font's widths, ToUnicode map and deflated font file for every
 * document. This one encodes from the per-process glyph table; the font objects are built
 * once (see {@link preparedFace}) and copied into each document.
 */
class PreparedFontEmbedder extends CustomFontEmbedder {
  constructor(private readonly face: Face) {
    // The parsed font is the very object pdf-lib's bundled fontkit would have made.
    super(
      fontMetrics(face) as unknown as CustomFontEmbedder['font'],
      fontBytes(face),
      fontMetrics(face).postscriptName ?? undefined,
    );
  }

  override encodeText(text: string): PDFHexString {
    const table = glyphTable(this.face);
    let hex = '';
    // Text is folded to the font's characters before drawing; 0000 (.notdef) is a last resort.
    for (const char of text) hex += table.get(char.codePointAt(0) ?? 0)?.hex ?? '0000';
    return PDFHexString.of(hex);
  }

  override widthOfTextAtSize(text: string, size: number): number {
    return textWidth(this.face, text, size);
  }
}

/** A face's embedder and its PDF objects (font dictionaries, font file, ToUnicode), built once. */
interface PreparedFace {
  embedder: PreparedFontEmbedder;
  source: PDFDocument;
  fontRef: PDFRef;
}

const preparedFaces = new Map<Face, Promise<PreparedFace>>();

/**
 * Embeds a face once per process into a scratch document, whose objects every document then
 * copies: the deflated font file, widths and ToUnicode map are the same bytes for every
 * document, so they are computed once and held once.
 */
function preparedFace(face: Face): Promise<PreparedFace> {
  let prepared = preparedFaces.get(face);
  if (prepared === undefined) {
    prepared = (async () => {
      const source = await PDFDocument.create({ updateMetadata: false });
      const embedder = new PreparedFontEmbedder(face);
      const fontRef = await embedder.embedIntoContext(source.context, source.context.nextRef());
      freezeWidths(source, fontRef);
      return { embedder, source, fontRef };
    })();
    preparedFaces.set(face, prepared);
  }
  return prepared;
}

/** Replaces the descendant font's widths array (a thousand numbers) by its bytes. */
function freezeWidths(source: PDFDocument, fontRef: PDFRef): void {
  const fontDict = source.context.lookup(fontRef, PDFDict);
  const descendant = source.context.lookup(
    fontDict.lookup(PDFName.of('DescendantFonts'), PDFArray).get(0),
    PDFDict,
  );
  const widths = descendant.get(PDFName.of('W'));
  if (widths !== undefined) descendant.set(PDFName.of('W'), PreserializedValue.of(widths));
}

async function embedFace(pdf: PDFDocument, face: Face): Promise<PDFFont> {
  const { embedder, source, fontRef } = await preparedFace(face);
  const fontDict = source.context.lookup(fontRef, PDFDict);
  const copy = PDFObjectCopier.for(source.context, pdf.context).copy(fontDict);
  // Not in the document's own font list: pdf-lib would embed it again on save.
  return PDFFont.of(pdf.context.register(copy), pdf, embedder);
}

/** Embeds both faces into `pdf` (whole: they are already subsets of the agreed characters). */
export async function embedDocumentFonts(pdf: PDFDocument): Promise<DocumentFonts> {
  const [regular, bold] = await Promise.all([embedFace(pdf, 'regular'), embedFace(pdf, 'bold')]);
  const charset = documentCharset();
  return { regular, bold, drawable: (text) => foldToCharset(text, charset) };
}

let charsetOfFonts: ReadonlySet<number> | undefined;

/** The code points both faces can draw. */
export function documentCharset(): ReadonlySet<number> {
  charsetOfFonts ??= new Set(
    fontMetrics('regular').characterSet.filter((codePoint) => glyphTable('bold').has(codePoint)),
  );
  return charsetOfFonts;
}

/**
 * Folds text into what the fonts can draw, so that a name with a letter outside the fonts
 * prints as its closest plain letter rather than an empty box: text is put in NFC first (a
 * decomposed "é" is the one glyph the font has), narrow no-break spaces (fr-CA number
 * formatting) become no-break spaces, accents missing from the fonts are dropped, anything
 * else becomes `?`.
 */
export function foldToCharset(text: string, charset: ReadonlySet<number>): string {
  let folded = '';
  for (const char of text.normalize('NFC').replace(/[\u202f\u2007]/g, '\u00a0')) {
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
