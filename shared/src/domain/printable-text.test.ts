import { describe, expect, it } from 'vitest';
import {
  PRINTABLE_RANGES,
  describeCharacter,
  isPrintableCodePoint,
  isPrintableText,
  unprintableCharacters,
} from './printable-text.js';
import { realNames } from '../testing/real-names.js';

/** Each class the paper cannot print faithfully, with one character of it. */
const refused: [string, string][] = [
  ['NUL', '\u0000'],
  ['tab', '\t'],
  ['line feed', '\n'],
  ['DEL', '\u007f'],
  ['C1 control', '\u0085'],
  ['C1 control (CSI)', '\u009b'],
  ['soft hyphen (invisible)', '\u00ad'],
  ['LRM', '\u200e'],
  ['RLM', '\u200f'],
  ['LRE', '\u202a'],
  ['RLE', '\u202b'],
  ['PDF', '\u202c'],
  ['LRO', '\u202d'],
  ['RLO', '\u202e'],
  ['LRI', '\u2066'],
  ['RLI', '\u2067'],
  ['FSI', '\u2068'],
  ['PDI', '\u2069'],
  ['ALM', '\u061c'],
  ['zero-width space', '\u200b'],
  ['zero-width joiner', '\u200d'],
  ['line separator', '\u2028'],
  ['BOM', '\ufeff'],
  ['lone high surrogate', '\ud800'],
  ['lone low surrogate', '\udc00'],
  ['noncharacter U+FDD0', '\ufdd0'],
  ['noncharacter U+FFFE', '\ufffe'],
  ['noncharacter U+1FFFF', String.fromCodePoint(0x1ffff)],
  ['private use', '\ue000'],
  ['emoji', '🚗'],
  ['emoji with variation selector', '❤️'],
  ['CJK', '李'],
  ['Cyrillic', 'Ж'],
  ['Greek', 'Ω'],
  ['Arabic', 'م'],
  ['Hebrew', 'א'],
  ['fullwidth Latin', 'Ａ'],
  ['dollar-like currency (yen)', '₩'],
];

describe('the printable set', () => {
  it('accepts a corpus of real names, NFC or not', () => {
    for (const name of realNames) {
      expect(unprintableCharacters(name), name).toEqual([]);
      expect(isPrintableText(name.normalize('NFD')), `${name} (NFD)`).toBe(true);
    }
  });

  it.each(refused)('refuses %s', (_, character) => {
    expect(isPrintableText(`Jean${character}Tremblay`)).toBe(false);
    expect(unprintableCharacters(`Jean${character}Tremblay`).join('')).toBe(character);
  });

  it('holds no control, format, surrogate, private-use, unassigned or separator character but the space', () => {
    for (const [first, last] of PRINTABLE_RANGES) {
      for (let cp = first; cp <= last; cp++) {
        const character = String.fromCodePoint(cp);
        expect(/\p{C}/u.test(character), `U+${cp.toString(16)}`).toBe(false);
        if (cp !== 0x20 && cp !== 0xa0) expect(/\p{Z}/u.test(character)).toBe(false);
        expect(isPrintableCodePoint(cp)).toBe(true);
      }
    }
  });

  it('is exactly the agreed blocks, less the archaic marks the fonts lack', () => {
    expect(PRINTABLE_RANGES).toEqual([
      [0x0020, 0x007e],
      [0x00a0, 0x00ac],
      [0x00ae, 0x00ff],
      [0x0100, 0x017f],
      [0x0180, 0x024f],
      [0x0300, 0x034f],
      [0x0351, 0x0353],
      [0x0357, 0x0358],
      [0x035a, 0x035a],
      [0x035c, 0x0362],
      [0x1e00, 0x1efb],
      [0x2010, 0x2027],
      [0x20ac, 0x20ac],
    ]);
  });

  it('judges the text after NFC: two printable characters may compose into one outside the set', () => {
    // DIAERESIS + COMBINING GRAVE compose into U+1FED GREEK DIALYTIKA AND VARIA.
    expect(unprintableCharacters('\u00a8\u0300')).toEqual(['\u1fed']);
    expect(isPrintableText('e\u0301')).toBe(true);
  });

  it('names each character: the glyph when it has one, always its code point', () => {
    expect(describeCharacter('李')).toBe('« 李 » (U+674E)');
    expect(describeCharacter('🚗')).toBe('« 🚗 » (U+1F697)');
    expect(describeCharacter('\u202e')).toBe('U+202E');
    expect(describeCharacter('\u0000')).toBe('U+0000');
    expect(describeCharacter('\ud800')).toBe('U+D800');
    expect(unprintableCharacters('李小龙 李').map(describeCharacter)).toEqual([
      '« 李 » (U+674E)',
      '« 小 » (U+5C0F)',
      '« 龙 » (U+9F99)',
    ]);
  });
});
