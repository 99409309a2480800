import type { ApiError } from '@comptoir/shared';

/** What a UI action returns: the value, or a bilingual error to show beside the fields. */
export type ActionResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** An error made on the kiosk (no server involved), with the kiosk's own wording. */
export function kioskError(code: string, fr: string, en: string): ApiError {
  return { code, message: { fr, en }, fields: [] };
}
