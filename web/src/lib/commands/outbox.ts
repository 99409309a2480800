import { appliedResultSchema, type AppliedResult } from '@comptoir/shared';
import type { OutboxRow } from '$lib/offline/db';
import { pendingCommands } from '$lib/offline/documents';
import { kioskDb } from '$lib/offline/kiosk-db';
import { readKioskState, syncStatusSchema, type SyncStatus } from '$lib/offline/kiosk-state';
import { live } from '$lib/offline/live.svelte';
import { readOfflineIssuance, type OfflineIssuance } from '$lib/offline/offline-issuance';
import {
  countOutbox,
  discardRejected,
  getOwnCommand,
  listOutbox,
  type OutboxCounts,
} from '$lib/offline/outbox';
import { retryNow, startSyncRunner } from '$lib/offline/sync-runner';
import { currentAccountId, session } from '$lib/session/session.svelte';

/*
 * The signed-in person's queued commands as the screens see them. The `live*` views are rune
 * state that follows the outbox in this tab and the others: call them while a component is
 * initialised (the subscription ends with the component).
 */

export type { OutboxCounts, OutboxRow, SyncStatus };

/** Starts this tab's part in syncing (one tab pushes and pulls at a time); returns a stop. */
export function startSync(): () => void {
  return startSyncRunner();
}

/** The person's outbox, newest first (the queue screen). */
export function liveOutbox(): { readonly current: OutboxRow[] } {
  return live<OutboxRow[]>(async () => {
    const accountId = session.info?.account.id;
    return accountId ? listOutbox(kioskDb(), accountId) : [];
  }, []);
}

/** The queue's counts: the person's, and how many of other people's wait (status bar, queue). */
export function liveOutboxCounts(): { readonly current: OutboxCounts } {
  return live(
    async () => {
      const counts = await countOutbox(kioskDb(), session.info?.account.id);
      // Before the stored session is read, every queued row counts as someone else's: the
      // person's own work flashed as "D'autres personnes : 3" while the page loaded.
      return session.isLoaded ? counts : { ...counts, othersWaiting: 0 };
    },
    { waiting: 0, sending: 0, needsAttention: 0, othersWaiting: 0 },
    () => [session.isLoaded, session.info?.account.id],
  );
}

/** One queued command of the person, followed until the server answers. */
export function liveOwnCommand(commandId: () => string | undefined): {
  readonly current: OutboxRow | undefined;
} {
  return live<OutboxRow | undefined>(async () => {
    const accountId = session.info?.account.id;
    const id = commandId();
    if (!id || !accountId) return undefined;
    return getOwnCommand(kioskDb(), id, accountId);
  }, undefined);
}

/**
 * The person's commands of one type under the licence worked on, not yet turned into documents
 * (waiting, or refused and not yet corrected): they show in the listings as waiting, so what
 * was saved offline is there.
 */
export function livePendingCommands(commandType: () => string): {
  readonly current: OutboxRow[];
} {
  return live<OutboxRow[]>(async () => {
    const accountId = session.info?.account.id;
    const licence = session.licence;
    return accountId && licence
      ? pendingCommands(kioskDb(), accountId, commandType(), licence)
      : [];
  }, []);
}

/** When this kiosk last pushed and pulled, and how the last attempt went (status bar). */
export function liveSyncStatus(): { readonly current: SyncStatus | undefined } {
  return live(
    () => readKioskState(kioskDb(), 'syncStatus', syncStatusSchema),
    undefined as SyncStatus | undefined,
  );
}

/** What an applied queued command produced (transaction, documents, plates), if it was applied. */
export function appliedResultOf(row: OutboxRow | undefined): AppliedResult | undefined {
  if (row?.state !== 'applied') return undefined;
  const parsed = appliedResultSchema.safeParse(row.result ?? {});
  return parsed.success ? parsed.data : undefined;
}

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

/** Whether this kiosk can issue papers while the server is unreachable (no Ed25519: no). */
export function liveOfflineIssuance(): { readonly current: OfflineIssuance | undefined } {
  return live(() => readOfflineIssuance(kioskDb()), undefined as OfflineIssuance | undefined);
}
