import { latePlateListSchema, type LatePlateList } from '@comptoir/shared';
import { session } from '$lib/session/session.svelte';
import { requestJson } from './online-call';
import type { ActionResult } from './result';

/**
 * The late metal plates (`GET /api/plates/late`): the current licence's for a dealer's
 * people, every licence's for the authority's staff.
 */
export function fetchLatePlates(isStaff: boolean): Promise<ActionResult<LatePlateList>> {
  const query =
    !isStaff && session.licence ? `?licence=${encodeURIComponent(session.licence)}` : '';
  return requestJson('GET', `/api/plates/late${query}`, latePlateListSchema);
}
