import { describe, expect, it } from 'vitest';
import { vinFromBarcode } from './vin-from-barcode';

const VALID = '1M8GDM9AXKP042788';

describe('vinFromBarcode', () => {
  it('reads a bare VIN, in any case', () => {
    expect(vinFromBarcode(VALID)).toBe(VALID);
    expect(vinFromBarcode(VALID.toLowerCase())).toBe(VALID);
  });

  it('drops the import marker of Code 39 door labels', () => {
    expect(vinFromBarcode(`I${VALID}`)).toBe(VALID);
  });

  it('finds the VIN among other fields of a QR or DataMatrix label', () => {
    expect(vinFromBarcode(`MAKE:FORD;VIN:${VALID};YEAR:2019`)).toBe(VALID);
  });

  it('refuses text without a valid VIN (a wrong check digit included)', () => {
    expect(vinFromBarcode('https://example.test/not-a-vin')).toBeUndefined();
    expect(vinFromBarcode(`${VALID.slice(0, 8)}1${VALID.slice(9)}`)).toBeUndefined();
    expect(vinFromBarcode('')).toBeUndefined();
  });
});
