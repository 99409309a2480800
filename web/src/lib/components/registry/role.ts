import type { Role } from '@comptoir/shared';
import { currentRole, session } from '$lib/session/session.svelte';

/**
 * The signed-in person's role now: the authority's staff act on the registry under no dealer
 * licence; everyone else has the role of the licence they chose.
 */
export function sessionRole(): Role | undefined {
  return session.info?.account.kind === 'staff' ? 'authority_staff' : currentRole();
}
