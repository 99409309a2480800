import type { ApiError } from '@comptoir/shared';
import { loadAgentSettings } from './print.service';

/*
 * What the registration screen decides around its two irreversible acts (confirmation and
 * same-day cancellation): whether the papers print at once, and whether a refusal is answered
 * inside the question (the person can confirm again) or on the page (the request must change).
 */

/** True when this kiosk is paired with a print agent (the papers then print at once). */
export async function isPrinterPaired(): Promise<boolean> {
  const settings = await loadAgentSettings();
  return Boolean(settings?.token);
}

/**
 * True when the refusal leaves the question open: the fee moved (the summary now shows the
 * new amount to confirm again), the line is down or the server did not answer (the same act
 * may be sent again). Anything else is about the request itself and is shown on the page,
 * beside the fields to correct.
 */
export function isAnsweredInTheQuestion(error: ApiError, isFinal: boolean): boolean {
  return !isFinal || error.code === 'fee_changed' || error.code === 'online_only';
}
