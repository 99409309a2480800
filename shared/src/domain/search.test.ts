import { describe, expect, it } from 'vitest';
import { searchQuerySchema } from '../schemas/search.schema.js';
import {
  foldText,
  foldedWords,
  namesMatch,
  parseSearchText,
  parseStaffLookup,
  vinLast6,
} from './search.js';

describe('search text', () => {
  it('folds accents, case, ligatures and punctuation, leaving only a-z, 0-9 and spaces', () => {
    expect(foldText('  Hélène  CÔTÉ-Ouellet ')).toBe('helene cote ouellet');
    expect(foldText('Œuvre Ærø straße')).toBe('oeuvre aero strasse');
    expect(foldText("100% _d'accord_ 🚗")).toBe('100 d accord');
    expect(foldText('Ｒｏｙ')).toBe('roy');
  });

  it('reads a number typed loosely, a VIN, its last 6, a plate and name words', () => {
    expect(parseSearchText('t 2026 123')).toEqual({ number: 'T-2026-000123', nameWords: [] });
    expect(parseSearchText('atac-2026-000045').number).toBe('ATAC-2026-000045');
    expect(parseSearchText('R-2026-000001').number).toBe('R-2026-000001');
    expect(parseSearchText('2hgfc2f59mh500001')).toMatchObject({ vin: '2HGFC2F59MH500001' });
    expect(parseSearchText('500001')).toMatchObject({ vinLast6: '500001', plate: '500001' });
    expect(parseSearchText('FXY 123')).toMatchObject({ vinLast6: 'FXY123', plate: 'FXY123' });
    expect(parseSearchText('Hélène Côté')).toEqual({ nameWords: ['helene', 'cote'] });
  });

  it('finds nothing to look up in wildcards, symbols or one letter', () => {
    for (const text of ['%', '_%_', '   ', 'é', '🚗🚗', '\u202e\u0000']) {
      expect(searchQuerySchema.safeParse({ licence: 'L-100001', q: text }).success).toBe(false);
    }
    const tooLong = searchQuerySchema.safeParse({ licence: 'L-100001', q: 'a'.repeat(81) });
    expect(tooLong.success).toBe(false);
  });

  it('matches every word as the start of a word of the names', () => {
    expect(namesMatch('julie roy / marc roy', ['roy', 'ju'])).toBe(true);
    expect(namesMatch('julie roy', ['oy'])).toBe(false);
    expect(namesMatch(null, ['roy'])).toBe(false);
    expect(foldedWords('Roy Julie R')).toEqual(['julie', 'roy']);
    expect(vinLast6('2hgfc2f59mh500001 ')).toBe('500001');
  });
});

describe('staff lookup', () => {
  it('reads a licence, a number or a VIN, nothing else', () => {
    expect(parseStaffLookup('l 100001')).toEqual({ licence: 'L-100001' });
    expect(parseStaffLookup('T-2026-12')).toEqual({ number: 'T-2026-000012' });
    expect(parseStaffLookup('2hgfc2f59mh500001')).toEqual({ vin: '2HGFC2F59MH500001' });
    expect(parseStaffLookup('Julie Roy')).toEqual({});
  });
});
