import { describe, expect, it } from 'vitest';
import { isDealerPlate, isPassengerPlate, normalizePlate } from './plates.js';

describe('plates', () => {
  it('recognizes passenger plates A12 BCD', () => {
    expect(isPassengerPlate('A12 BCD')).toBe(true);
    expect(isPassengerPlate('A12BCD')).toBe(false);
    expect(isPassengerPlate('a12 bcd')).toBe(false);
    expect(isPassengerPlate('112 BCD')).toBe(false);
  });

  it('recognizes dealer plates X01234', () => {
    expect(isDealerPlate('X01234')).toBe(true);
    expect(isDealerPlate('X1234')).toBe(false);
    expect(isDealerPlate('Y01234')).toBe(false);
  });

  it('normalizes what a person types', () => {
    expect(normalizePlate(' a12bcd ')).toBe('A12 BCD');
    expect(normalizePlate('x01234')).toBe('X01234');
  });
});
