import { describe, expect, it } from 'vitest';
import {
  bothLanguages,
  paperAddress,
  paperDate,
  paperDateTime,
  paperLabel,
  paperMoney,
} from './paper-text.js';

describe('paper text', () => {
  it('tells instants in Montréal time across daylight saving time', () => {
    expect(paperDateTime('2026-11-26T15:42:00Z')).toBe('2026-11-26 10:42'); // EST, UTC-5
    expect(paperDateTime('2026-07-01T16:00:00Z')).toBe('2026-07-01 12:00'); // EDT, UTC-4
    expect(paperDateTime('2027-01-11T04:59:59.000Z')).toBe('2027-01-10 23:59');
    expect(paperDate('2026-11-27T03:00:00Z')).toBe('2026-11-26');
    expect(paperDate('2026-11-27')).toBe('2026-11-27');
  });

  it('prints amounts the French way, then the English way', () => {
    expect(paperMoney(2_349_550).replace(/[\u00a0\u202f]/g, ' ')).toBe('23 495,50 $ / $23,495.50');
  });

  it('labels known codes in both languages and prints unknown ones as they are', () => {
    expect(paperLabel('sale')).toBe('Vente / Sale');
    expect(paperLabel('code_from_a_newer_server')).toBe('code_from_a_newer_server');
    expect(paperLabel(undefined)).toBe('—');
    expect(bothLanguages({ fr: 'NEQ', en: 'NEQ' })).toBe('NEQ');
  });

  it('writes an address on one line', () => {
    expect(
      paperAddress({
        line1: '12 rue Principale',
        city: 'Lévis',
        province: 'QC',
        postalCode: 'G6V 1A1',
      }),
    ).toBe('12 rue Principale, Lévis (QC) G6V 1A1');
  });
});
