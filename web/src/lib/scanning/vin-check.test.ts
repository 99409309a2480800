import { describe, expect, it } from 'vitest';
import { typedVinProblems, vinFeedback } from './vin-check';

// A textbook valid VIN (check digit X in position 9).
const VALID = '1M8GDM9AXKP042788';

describe('vinFeedback (live check of a VIN as typed)', () => {
  it('says nothing for an empty field and counts a short valid start', () => {
    expect(vinFeedback('')).toBeUndefined();
    expect(vinFeedback('1m8g dm')).toEqual({
      kind: 'progress',
      key: 'vin.count',
      params: { n: 6 },
    });
  });

  it('flags a forbidden letter at its position as soon as it is typed', () => {
    expect(vinFeedback('1M8GO')).toMatchObject({
      kind: 'problem',
      key: 'vin.forbiddenLetter',
      position: 5,
      params: { position: 5, character: 'O' },
    });
  });

  it('flags a character that is neither letter nor digit', () => {
    expect(vinFeedback('1M8-')).toMatchObject({
      key: 'vin.invalidCharacter',
      position: 4,
      params: { character: '-' },
    });
  });

  it('flags a reserved model-year code in position 10 only once it is typed', () => {
    expect(vinFeedback('1M8GDM9AX')).toMatchObject({ kind: 'progress' });
    expect(vinFeedback('1M8GDM9AXU')).toMatchObject({
      key: 'vin.modelYear',
      position: 10,
      params: { character: 'U' },
    });
  });

  it('judges the check digit only on a full VIN', () => {
    expect(vinFeedback(VALID.slice(0, 16))).toMatchObject({ kind: 'progress' });
    expect(vinFeedback(`${VALID.slice(0, 8)}1${VALID.slice(9)}`)).toMatchObject({
      key: 'vin.checkDigit',
      position: 9,
      params: { character: '1' },
    });
  });

  it('says valid for a valid VIN typed in lower case with spaces', () => {
    expect(vinFeedback(' 1m8gdm9axkp 042788 ')).toEqual({
      kind: 'valid',
      key: 'vin.valid',
      params: {},
    });
  });

  it('says too long with the count past 17', () => {
    expect(vinFeedback(`${VALID}7`)).toMatchObject({ key: 'vin.tooLong', params: { n: 18 } });
  });

  it('keeps every problem of the typed part, in position order', () => {
    expect(typedVinProblems('IO*').map((problem) => problem.position)).toEqual([1, 2, 3]);
  });
});
