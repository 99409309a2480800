import { fontMetrics } from '../fonts/document-fonts.js';
import { POINTS_PER_MM } from '../pdf/sheet.js';

/** The regulation-minded floor: the plate number's glyphs are at least 40 mm tall. */
export const PLATE_NUMBER_MIN_HEIGHT_MM = 40;
/** What we aim for: 48 mm, readable from a following car, still clear of the 40 mm floor. */
const PLATE_NUMBER_TARGET_HEIGHT_MM = 48;
/** Narrowest horizontal squeeze before shrinking instead; real plate typefaces are condensed too. */
const MIN_HORIZONTAL_SCALE = 0.55;

/** How the plate number is set: font size, horizontal squeeze and the resulting sizes. */
export interface PlateNumberFit {
  fontSize: number;
  /** Horizontal scale applied to the glyphs (1 = the font's own width). */
  horizontalScale: number;
  /** Printed width in points. */
  width: number;
  /** Height of the inked glyphs (lowest to highest outline point), in millimetres. */
  glyphHeightMm: number;
  /** Distance from the baseline down to the lowest outline point, in points (≥ 0). */
  descentBelowBaseline: number;
}

/**
 * Sets the plate number as tall as the target across the available width: first condensing
 * the glyphs (down to {@link MIN_HORIZONTAL_SCALE}), and only then shrinking the size. The
 * height is measured on the real glyph outlines of the embedded bold face, not estimated.
 */
export function fitPlateNumber(plateNumber: string, availableWidth: number): PlateNumberFit {
  const font = fontMetrics('bold');
  // Glyph by glyph, as drawn (no shaping: the fonts have no GSUB/GPOS); fontkit caches glyphs.
  let yMin = 0;
  let yMax = 0;
  let advance = 0;
  for (const char of plateNumber) {
    const glyph = font.glyphForCodePoint(char.codePointAt(0) ?? 0);
    yMin = Math.min(yMin, glyph.bbox.minY);
    yMax = Math.max(yMax, glyph.bbox.maxY);
    advance += glyph.advanceWidth;
  }
  const inkPerPoint = Math.max(yMax - yMin, 1) / font.unitsPerEm;
  const widthPerPoint = advance / font.unitsPerEm;
  let fontSize = (PLATE_NUMBER_TARGET_HEIGHT_MM * POINTS_PER_MM) / inkPerPoint;
  let horizontalScale = Math.min(1, availableWidth / (widthPerPoint * fontSize));
  if (horizontalScale < MIN_HORIZONTAL_SCALE) {
    horizontalScale = MIN_HORIZONTAL_SCALE;
    fontSize = availableWidth / (widthPerPoint * horizontalScale);
  }
  return {
    fontSize,
    horizontalScale,
    width: widthPerPoint * fontSize * horizontalScale,
    glyphHeightMm: (inkPerPoint * fontSize) / POINTS_PER_MM,
    descentBelowBaseline: (-yMin / font.unitsPerEm) * fontSize,
  };
}
