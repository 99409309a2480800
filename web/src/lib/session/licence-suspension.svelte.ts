import { kioskDb } from '$lib/offline/kiosk-db';
import { readLicenceSuspensions, type LicenceSuspensions } from '$lib/offline/licence-suspensions';
import { live } from '$lib/offline/live.svelte';

/**
 * The licences the authority suspended, as this kiosk last heard (rune state, every tab).
 * Call it during component initialisation.
 */
export function liveLicenceSuspensions(): { readonly current: LicenceSuspensions } {
  return live(() => readLicenceSuspensions(kioskDb()), {});
}

/**
 * The services a suspended licence may not use: every one that issues or orders something
 * (docs/domain.md#authority-staff). Checks and reading stay open.
 */
export const issuingActions = [
  'atac.create',
  'transit.issue',
  'vehicle.register',
  'inventory.record',
  'platex.order',
] as const;
