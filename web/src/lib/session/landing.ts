import { session } from './session.svelte';

/**
 * Where a person lands after signing in: the authority's staff on their console (they act
 * for no licence: a licence picker would be empty), a dealer's people on the services once
 * a licence is chosen, else on the licence picker.
 */
export function landingPath(): '/' | '/licence' | '/autorite' {
  if (session.info?.account.kind === 'staff') return '/autorite';
  return session.licence ? '/' : '/licence';
}
