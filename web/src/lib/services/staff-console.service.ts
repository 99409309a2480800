import {
  fromZodError,
  staffLookupQuerySchema,
  staffLookupResultSchema,
  type StaffLookupResult,
} from '@comptoir/shared';
import { requestJson } from './online-call';
import type { ActionResult } from './result';

/**
 * The staff console's lookup box: a licence number, a document or registration number, or a
 * VIN (the shared schema checks the text first, so a refusal reads the same as the server's).
 */
export async function lookupForStaff(text: string): Promise<ActionResult<StaffLookupResult>> {
  const parsed = staffLookupQuerySchema.safeParse({ q: text });
  if (!parsed.success) return { ok: false, error: fromZodError(parsed.error) };
  const query = new URLSearchParams({ q: parsed.data.q });
  return requestJson('GET', `/api/staff/lookup?${query.toString()}`, staffLookupResultSchema);
}
