/**
 * Vehicle identification number rules (ISO 3779 / 49 CFR 565, as used in North America):
 * 17 characters, no I, O or Q, a check digit in position 9 and a model-year code in position 10.
 */

/** Length of a modern (1981+) VIN. */
export const VIN_LENGTH = 17;

/** A problem found in a VIN; `position` is 1-based, as written on the vehicle's documents. */
export interface VinProblem {
  code:
    | 'vin_length'
    | 'vin_forbidden_letter'
    | 'vin_invalid_character'
    | 'vin_check_digit'
    | 'vin_model_year';
  position?: number;
}

// Letters are worth digits for the check-digit sum; I, O and Q are absent because they are
// never used (too easily read as 1 and 0).
// prettier-ignore
const transliteration: Readonly<Record<string, number>> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};

// Position 9 (index 8) weighs 0: it is the check digit itself.
const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

const forbiddenLetters = new Set(['I', 'O', 'Q']);
// Position 10 never uses I O Q (forbidden everywhere), U, Z or 0 (reserved).
const forbiddenModelYearCodes = new Set(['I', 'O', 'Q', 'U', 'Z', '0']);

const CHECK_DIGIT_INDEX = 8;
const MODEL_YEAR_INDEX = 9;

function characterValue(character: string): number | undefined {
  if (/^[0-9]$/.test(character)) return Number(character);
  return transliteration[character];
}

/** Trims, upper-cases and removes inner spaces, the way a person types a VIN. */
export function normalizeVin(vin: string): string {
  return vin.replace(/\s+/g, '').toUpperCase();
}

/**
 * The check digit ('0'..'9' or 'X') that position 9 of `vin` must hold, computed from the
 * other 16 characters; `undefined` when the VIN is not 17 valid characters. Tests use it to
 * build valid VINs.
 */
export function vinCheckDigit(vin: string): string | undefined {
  if (vin.length !== VIN_LENGTH) return undefined;
  let sum = 0;
  for (let index = 0; index < VIN_LENGTH; index += 1) {
    const character = vin.charAt(index);
    if (index === CHECK_DIGIT_INDEX) continue;
    const value = characterValue(character);
    if (value === undefined) return undefined;
    sum += value * (weights[index] ?? 0);
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/**
 * Every problem of an already normalized VIN, in position order; empty when valid. A wrong
 * length is reported alone: positions mean nothing then.
 */
export function vinProblems(vin: string): VinProblem[] {
  if (vin.length !== VIN_LENGTH) return [{ code: 'vin_length' }];
  const problems: VinProblem[] = [];
  for (let index = 0; index < VIN_LENGTH; index += 1) {
    const character = vin.charAt(index);
    if (forbiddenLetters.has(character)) {
      problems.push({ code: 'vin_forbidden_letter', position: index + 1 });
    } else if (characterValue(character) === undefined) {
      problems.push({ code: 'vin_invalid_character', position: index + 1 });
    }
  }
  const yearCode = vin.charAt(MODEL_YEAR_INDEX);
  if (forbiddenModelYearCodes.has(yearCode) && !forbiddenLetters.has(yearCode)) {
    problems.push({ code: 'vin_model_year', position: MODEL_YEAR_INDEX + 1 });
  }
  if (problems.length === 0 && vinCheckDigit(vin) !== vin.charAt(CHECK_DIGIT_INDEX)) {
    problems.push({ code: 'vin_check_digit', position: CHECK_DIGIT_INDEX + 1 });
  }
  return problems;
}

/** True when `vin` (already normalized) is a valid 17-character VIN. */
export function isValidVin(vin: string): boolean {
  return vinProblems(vin).length === 0;
}
