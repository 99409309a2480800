import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidVin, normalizeVin, vinCheckDigit, vinProblems } from './vin.js';
import { withCheckDigit } from '../testing/factories.js';

const allowed = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ'.split('');
const allowedYearCodes = allowed.filter((c) => !['U', 'Z', '0'].includes(c));
// The transliteration of docs/domain.md#vin, written once here as the expected value.
// prettier-ignore
const letterValues: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const checkCharacters = '0123456789X'.split('');

/** Any valid VIN: 16 allowed characters, a valid model-year code, the right check digit. */
const validVin = fc
  .tuple(
    fc.array(fc.constantFrom(...allowed), { minLength: 9, maxLength: 9 }),
    fc.constantFrom(...allowedYearCodes),
    fc.array(fc.constantFrom(...allowed), { minLength: 7, maxLength: 7 }),
  )
  .map(([head, year, tail]) => withCheckDigit([...head, year, ...tail].join('')));

describe('vinCheckDigit', () => {
  it('computes the published worked examples', () => {
    expect(vinCheckDigit('1HGCM82633A004352')).toBe('3');
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(vinCheckDigit('11111111111111111')).toBe('1');
  });

  it('is undefined for a VIN that is not 17 valid characters', () => {
    expect(vinCheckDigit('1HGCM8263')).toBeUndefined();
    expect(vinCheckDigit('1HGCM82633A00435O')).toBeUndefined();
  });
});

describe('vinProblems', () => {
  it('accepts real VINs', () => {
    expect(vinProblems('1HGCM82633A004352')).toEqual([]);
    expect(isValidVin('1M8GDM9AXKP042788')).toBe(true);
  });

  it('reports a wrong length alone', () => {
    expect(vinProblems('1HGCM82633A00435')).toEqual([{ code: 'vin_length' }]);
    expect(vinProblems('')).toEqual([{ code: 'vin_length' }]);
  });

  it('says which position holds a forbidden letter or a bad model-year code', () => {
    expect(vinProblems('1HGCM82633AOO4352')).toEqual([
      { code: 'vin_forbidden_letter', position: 12 },
      { code: 'vin_forbidden_letter', position: 13 },
    ]);
    expect(vinProblems(withCheckDigit('1HGCM8263UA004352'))).toEqual([
      { code: 'vin_model_year', position: 10 },
    ]);
    expect(vinProblems('1HGCM8263#A004352')).toEqual([
      { code: 'vin_invalid_character', position: 10 },
    ]);
  });

  it('points at position 9 for a wrong check digit', () => {
    expect(vinProblems('1HGCM82643A004352')).toEqual([{ code: 'vin_check_digit', position: 9 }]);
  });

  it('accepts every VIN built with its check digit', () => {
    fc.assert(fc.property(validVin, (vin) => isValidVin(vin)));
  });

  it('refuses any VIN whose check digit is altered', () => {
    fc.assert(
      fc.property(validVin, fc.constantFrom(...checkCharacters), (vin, replacement) => {
        fc.pre(replacement !== vin.charAt(8));
        const altered = `${vin.slice(0, 8)}${replacement}${vin.slice(9)}`;
        expect(vinProblems(altered)).toEqual([{ code: 'vin_check_digit', position: 9 }]);
      }),
    );
  });

  it('refuses any VIN where one character elsewhere changes value (a typo)', () => {
    // Every weight but position 9's is in 1..10 and 11 is prime, so a change of one
    // character's value by 1..9 always changes the sum mod 11: one typo is always caught.
    const value = (c: string): number => (/\d/.test(c) ? Number(c) : (letterValues[c] ?? -1));
    fc.assert(
      fc.property(
        validVin,
        fc.integer({ min: 0, max: 16 }),
        fc.constantFrom(...allowed),
        (vin, index, character) => {
          fc.pre(index !== 8 && value(character) !== value(vin.charAt(index)));
          const altered = `${vin.slice(0, index)}${character}${vin.slice(index + 1)}`;
          expect(isValidVin(altered)).toBe(false);
        },
      ),
    );
  });
});

describe('normalizeVin', () => {
  it('removes spaces and upper-cases', () => {
    expect(normalizeVin(' 1hgcm8 2633a 004352 ')).toBe('1HGCM82633A004352');
  });
});
