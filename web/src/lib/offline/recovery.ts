import {
  appliedResultSchema,
  recoverResponseSchema,
  RECOVER_MAX_ITEMS,
  type EpochInfo,
  type RecoveryItem,
} from '@comptoir/shared';
import { z } from 'zod';
import type { ComptoirDb, OutboxRow } from './db';
import { syncRequestHeaders } from './kiosk-credential';
import { readKioskState, updateSyncStatus, writeKioskState } from './kiosk-state';

/**
 * Commands acknowledged this long before the backup are sent back too: the kiosk's clock and
 * the server's may disagree, and a command the restored server already has costs one lookup.
 */
const CLOCK_MARGIN_MS = 24 * 3_600_000;

/** What the recovery needs of the sync engine's outside world (a subset of `SyncDeps`). */
export interface RecoveryDeps {
  db: ComptoirDb;
  baseUrl: string;
  fetch: typeof fetch;
  now: () => number;
}

/** How a change of epoch was followed. */
export type EpochFollowing = 'same' | 'followed' | 'pending';

/**
 * Follows the registry's epoch (docs/sync.md#epochs-after-a-restore). The first epoch seen is
 * kept. A new one means the server was restored from a backup and forgot what it applied
 * after it: the kiosk sends back its applied commands that issued documents (with the signed
 * documents it pulled, so the server records them under their original numbers), queues again
 * those that issued none (a print outcome, a held registration: nothing of them is on paper
 * under a number), and forgets its cursors, so every document is pulled again. The epoch is
 * kept only once all of it went through: an interrupted recovery starts over next time.
 */
export async function followEpoch(deps: RecoveryDeps, seen: EpochInfo): Promise<EpochFollowing> {
  const known = await readKioskState(deps.db, 'epoch', z.number());
  if (known === seen.epoch) return 'same';
  if (known === undefined || known > seen.epoch) {
    await writeKioskState(deps.db, 'epoch', seen.epoch);
    return 'same';
  }
  const since = seen.backupTakenAt ? Date.parse(seen.backupTakenAt) - CLOCK_MARGIN_MS : 0;
  const applied = (await deps.db.outbox.where('state').equals('applied').toArray()).filter(
    (row) => (row.acknowledgedAt ?? 0) >= since,
  );
  const withDocuments: RecoveryItem[] = [];
  const withoutDocuments: OutboxRow[] = [];
  for (const row of applied) {
    const result = appliedResultSchema.safeParse(row.result);
    if (!result.success || result.data.documents.length === 0) {
      withoutDocuments.push(row);
      continue;
    }
    const documents = [];
    for (const { number } of result.data.documents) {
      const kept = await deps.db.documents.get(number);
      if (kept?.jws && kept.qrToken) documents.push({ jws: kept.jws, qrToken: kept.qrToken });
    }
    // The envelope was parsed by the shared schema when it was queued (`enqueueCommand`).
    withDocuments.push({ command: row.command, result: result.data, documents });
  }
  for (let start = 0; start < withDocuments.length; start += RECOVER_MAX_ITEMS) {
    const isSent = await sendBack(
      deps,
      seen.epoch,
      withDocuments.slice(start, start + RECOVER_MAX_ITEMS),
    );
    if (!isSent) return 'pending';
  }
  await deps.db.transaction('rw', deps.db.outbox, deps.db.kioskState, async () => {
    await deps.db.outbox.bulkUpdate(
      withoutDocuments.map((row) => ({
        key: row.id,
        changes: {
          state: 'waiting' as const,
          nextAttemptAt: deps.now(),
          acknowledgedAt: undefined,
        },
      })),
    );
    await deps.db.kioskState.where('key').startsWith('cursor:').delete();
    await writeKioskState(deps.db, 'epoch', seen.epoch);
  });
  return 'followed';
}

async function sendBack(
  deps: RecoveryDeps,
  epoch: number,
  items: RecoveryItem[],
): Promise<boolean> {
  let response: Response;
  try {
    response = await deps.fetch(`${deps.baseUrl}/api/sync/recover`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        ...(await syncRequestHeaders(deps.db)),
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify({ epoch, items }),
    });
  } catch {
    return false;
  }
  if (!response.ok) {
    await updateSyncStatus(deps.db, { lastProblem: `recover_http_${String(response.status)}` });
    return false;
  }
  // Each command's outcome is on the server's record (audited); the kiosk only needs to know
  // the batch went through.
  return recoverResponseSchema.safeParse(await response.json()).success;
}
