import { isValidVin, normalizeVin, VIN_LENGTH } from '@comptoir/shared';

/**
 * The barcode symbologies VIN labels use: Code 39 on door pillars (the 49 CFR 565 label),
 * Code 128 on some imports, DataMatrix and QR codes on windshield and registration labels.
 */
export const VIN_BARCODE_FORMATS = ['code_39', 'code_128', 'data_matrix', 'qr_code'] as const;

/**
 * The VIN in a barcode's text, or `undefined`. Labels add things around it: Code 39 labels of
 * imported vehicles start with an "I" (import marker), and QR/DataMatrix labels often carry
 * more fields (make, model...) separated by spaces or punctuation. Every 17-character run is
 * tried; only one passing the shared VIN rules (check digit included) is taken.
 */
export function vinFromBarcode(text: string): string | undefined {
  const whole = normalizeVin(text);
  if (isValidVin(whole)) return whole;
  for (const token of text.toUpperCase().split(/[^A-Z0-9]+/)) {
    for (let start = 0; start + VIN_LENGTH <= token.length; start += 1) {
      const candidate = token.slice(start, start + VIN_LENGTH);
      if (isValidVin(candidate)) return candidate;
    }
  }
  return undefined;
}
