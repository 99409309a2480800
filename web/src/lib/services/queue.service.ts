import { kioskDb } from '$lib/offline/kiosk-db';
import { discardRejected } from '$lib/offline/outbox';
import { retryNow } from '$lib/offline/sync-runner';
import { currentAccountId } from '$lib/session/session.svelte';

/** Discards a refused command of the signed-in person (the screen asked for confirmation). */
export async function discardCommand(id: string): Promise<boolean> {
  const accountId = currentAccountId();
  if (!accountId) return false;
  return discardRejected(kioskDb(), id, accountId);
}

/** "Sync now": kicks the syncing tab, whichever it is. */
export async function syncNow(): Promise<void> {
  await retryNow();
}
