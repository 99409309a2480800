import { normalizeVin, VIN_LENGTH, vinProblems, type VinProblem } from '@comptoir/shared';
import type { MessageKey } from '$lib/i18n/messages';

/** What the VIN field says under itself while a person types: a message key and its values. */
export interface VinFeedback {
  kind: 'progress' | 'problem' | 'valid';
  key: MessageKey;
  params: Record<string, string | number>;
  /** 1-based position of the wrong character, to highlight it. */
  position?: number;
}

// A character the shared rules accept in every position but 10 (where any letter but U/Z is
// fine): pads a partial VIN so the full-VIN rules can judge the characters typed so far.
const NEUTRAL_PADDING = 'A';

const problemKeys: Record<VinProblem['code'], MessageKey> = {
  vin_length: 'vin.tooLong',
  vin_forbidden_letter: 'vin.forbiddenLetter',
  vin_invalid_character: 'vin.invalidCharacter',
  vin_model_year: 'vin.modelYear',
  vin_check_digit: 'vin.checkDigit',
};

/**
 * The characters problems of a VIN as typed so far, by the shared rules (`vinProblems`): a
 * partial VIN is padded to 17 with a neutral letter and only the problems at typed positions
 * are kept, so a wrong character is flagged as soon as it is typed, not at the 17th. The check
 * digit is judged only on a full VIN.
 */
export function typedVinProblems(typed: string): VinProblem[] {
  const vin = normalizeVin(typed);
  if (vin.length >= VIN_LENGTH) return vinProblems(vin);
  return vinProblems(vin.padEnd(VIN_LENGTH, NEUTRAL_PADDING)).filter(
    (problem) =>
      problem.code !== 'vin_check_digit' &&
      problem.position !== undefined &&
      problem.position <= vin.length,
  );
}

/**
 * The live feedback for a VIN as typed: the first wrong character with its position, else a
 * count while it is short, else "valid". Empty input says nothing (the form's own required
 * check speaks on submit).
 */
export function vinFeedback(typed: string): VinFeedback | undefined {
  const vin = normalizeVin(typed);
  if (vin.length === 0) return undefined;
  const [problem] = typedVinProblems(vin);
  if (problem) {
    const character = problem.position ? vin.charAt(problem.position - 1) : '';
    return {
      kind: 'problem',
      key: problemKeys[problem.code],
      params: { position: problem.position ?? 0, character, n: vin.length },
      ...(problem.position ? { position: problem.position } : {}),
    };
  }
  if (vin.length < VIN_LENGTH) {
    return { kind: 'progress', key: 'vin.count', params: { n: vin.length } };
  }
  return { kind: 'valid', key: 'vin.valid', params: {} };
}
