import type { BilingualText } from '../bilingual.js';

/**
 * What the paper prints faithfully: the characters the documents' embedded fonts cover, after
 * NFC normalization. A signed document is only what the customer signs if the paper shows every
 * character of it: a name the font cannot draw prints `???` or loses its accents, and a control
 * or bidi character (U+202E RIGHT-TO-LEFT OVERRIDE...) makes the paper show other text than the
 * signed one. So every name, address and free text of a command is refused, at the shared
 * schema, when it holds a character outside this set.
 *
 * Inclusive code point ranges, in order. The document fonts embed glyphs for exactly these: a
 * change here is a change of fonts too.
 */
export const PRINTABLE_RANGES: readonly (readonly [number, number])[] = [
  // Basic Latin, printable (not the C0 controls nor DEL)
  [0x0020, 0x007e],
  // Latin-1 Supplement, printable (not the C1 controls; not U+00AD SOFT HYPHEN, a format
  // character that paper shows or hides depending on the line break)
  [0x00a0, 0x00ac],
  [0x00ae, 0x00ff],
  // Latin Extended-A (Polish, Turkish, Czech...)
  [0x0100, 0x017f],
  // Latin Extended-B (Romanian Ș Ț, Vietnamese Ơ Ư...)
  [0x0180, 0x024f],
  // Combining diacritical marks (what NFC cannot compose stays a base letter plus a mark),
  // without the archaic marks the embedded DejaVu Sans has no glyph for (U+0350, U+0354-0356,
  // U+0359, U+035B, U+0363-036F: medieval superscript letters, no living orthography)
  [0x0300, 0x034f],
  [0x0351, 0x0353],
  [0x0357, 0x0358],
  [0x035a, 0x035a],
  [0x035c, 0x0362],
  // Latin Extended Additional (Vietnamese: ễ, ạ, ỳ...), without the Middle Welsh letters
  // U+1EFC-1EFF the font lacks
  [0x1e00, 0x1efb],
  // General Punctuation: dashes, quotes, daggers, bullet, ellipsis (no bidi or format control
  // lies in this range: those start at U+2028)
  [0x2010, 0x2027],
  // Euro sign
  [0x20ac, 0x20ac],
];

/** True for a code point of the printable set ({@link PRINTABLE_RANGES}). */
export function isPrintableCodePoint(codePoint: number): boolean {
  return PRINTABLE_RANGES.some(([first, last]) => codePoint >= first && codePoint <= last);
}

/**
 * The distinct characters of `text` outside the printable set, after NFC normalization, in order
 * of first appearance. A lone surrogate comes out as itself (one UTF-16 unit).
 *
 * @example unprintableCharacters('李 Nguyễn') // ['李']
 */
export function unprintableCharacters(text: string): string[] {
  const found = new Set<string>();
  // Iterating a string yields code points; a lone surrogate yields its own unit.
  for (const character of text.normalize('NFC')) {
    if (!isPrintableCodePoint(character.codePointAt(0) ?? 0)) found.add(character);
  }
  return [...found];
}

/** True when every character of `text` (NFC-normalized) is printable. */
export function isPrintableText(text: string): boolean {
  return unprintableCharacters(text).length === 0;
}

/**
 * Names one character for a person: `« 李 » (U+674E)`, or only `U+202E` for a character that
 * shows nothing by itself (control, format, surrogate, separator, combining mark), which a
 * message could not display, or would turn against the message itself.
 */
export function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  const label = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{C}\p{Z}\p{M}]$/u.test(character) ? label : `« ${character} » (${label})`;
}

/** At most this many characters are named in one message: the field shows the rest. */
const NAMED_IN_MESSAGE = 3;

/**
 * The message of a refused text, naming the characters the paper cannot print:
 * `Caractère impossible à imprimer fidèlement : « 李 » (U+674E).`
 */
export function unprintableMessage(characters: readonly string[]): BilingualText {
  const named = characters.slice(0, NAMED_IN_MESSAGE).map(describeCharacter).join(', ');
  const more = characters.length > NAMED_IN_MESSAGE;
  return {
    fr: `${characters.length > 1 ? 'Caractères impossibles' : 'Caractère impossible'} à imprimer fidèlement sur le document : ${named}${more ? ', …' : ''}.`,
    en: `${characters.length > 1 ? 'Characters' : 'Character'} the document cannot print faithfully: ${named}${more ? ', …' : ''}.`,
  };
}
