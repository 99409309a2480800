import { z } from 'zod';
import { observedFetch, startConnectivity } from './connectivity.svelte';
import { readKioskEnrolment } from './kiosk-credential';
import { kioskDb } from './kiosk-db';
import { ensureKioskKey, KioskKeyUnsupported } from './kiosk-key';
import { renewLeaseIfNeeded } from './leases';
import { noteOfflineIssuance } from './offline-issuance';
import { readKioskState } from './kiosk-state';
import { makeDueNow, recoverInterruptedSends } from './outbox';
import { drainOutbox, pullDocuments, type SyncDeps } from './sync';
import { handRevocationsToAgent } from '$lib/services/agent-settings.service';

/** The name of the Web Lock that elects the one syncing tab. */
export const SYNC_LOCK_NAME = 'comptoir-sync';
const CHANNEL_NAME = 'comptoir-sync';
/** The timer keeps syncing even when nothing new is written (retries after backoff, pulls). */
export const SYNC_INTERVAL_MS = 15_000;

const activeSchema = z.object({ accountId: z.string(), licence: z.string().optional() });

/**
 * Who the kiosk works for right now: set by the session service, read by the syncing tab
 * (which may not be the tab where the person signed in).
 */
export const ACTIVE_ACTOR_KEY = 'activeActor';

let channel: BroadcastChannel | undefined;
let isLeader = false;
let isRunning = false;
let isRunRequested = false;
let stopped = false;

/**
 * Starts the sync loop of this tab. Every tab asks for the same Web Lock and holds it until
 * it closes: only the holder syncs, the others wait for it; when it closes the next tab
 * takes over. A write in any tab kicks the holder through a BroadcastChannel. Returns a stop
 * function.
 */
export function startSyncRunner(): () => void {
  stopped = false;
  channel ??= new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = () => kick();
  const onOnline = () => void retryNow();
  const onVisible = () => {
    if (document.visibilityState === 'visible') kick();
  };
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  const timer = setInterval(kick, SYNC_INTERVAL_MS);
  // The server answering again (after "Serveur injoignable") drains at once, backoff cancelled.
  const stopConnectivity = startConnectivity(() => void retryNow());

  let releaseLock: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    releaseLock = resolve;
  });
  const becomeLeader = async () => {
    isLeader = true;
    await recoverInterruptedSends(kioskDb());
    kick();
    await held;
    isLeader = false;
  };
  if ('locks' in navigator) {
    void navigator.locks.request(SYNC_LOCK_NAME, becomeLeader).catch(() => undefined);
  } else {
    void becomeLeader();
  }

  return () => {
    stopped = true;
    clearInterval(timer);
    stopConnectivity();
    window.removeEventListener('online', onOnline);
    document.removeEventListener('visibilitychange', onVisible);
    releaseLock();
  };
}

/** Asks for a sync now: locally if this tab syncs, otherwise by telling the tab that does. */
export function requestSync(): void {
  channel?.postMessage('kick');
  kick();
}

/**
 * Cancels the backoff of the commands this kiosk may send (the active person's; everyone's
 * once enrolled) and syncs ("sync now", link back).
 */
export async function retryNow(): Promise<void> {
  const db = kioskDb();
  const actor = await readKioskState(db, ACTIVE_ACTOR_KEY, activeSchema);
  if (await readKioskEnrolment(db)) await makeDueNow(db, null, Date.now());
  else if (actor) await makeDueNow(db, actor.accountId, Date.now());
  requestSync();
}

function kick(): void {
  if (!isLeader || stopped) return;
  if (isRunning) {
    isRunRequested = true;
    return;
  }
  isRunning = true;
  void runOnce().finally(() => {
    isRunning = false;
    if (isRunRequested) {
      isRunRequested = false;
      kick();
    }
  });
}

async function runOnce(): Promise<void> {
  const db = kioskDb();
  const actor = await readKioskState(db, ACTIVE_ACTOR_KEY, activeSchema);
  // An enrolled kiosk sends everyone's commands, even while locked or nobody is signed in:
  // its device credential vouches for the kiosk, the server judges each author.
  const isEnrolled = (await readKioskEnrolment(db)) !== undefined;
  if (!actor && !isEnrolled) return;
  const deps: SyncDeps = {
    db,
    baseUrl: '',
    fetch: observedFetch,
    now: () => Date.now(),
    random: Math.random,
    onRevocations: handRevocationsToAgent,
  };
  try {
    const outcome = await drainOutbox(deps, isEnrolled ? null : (actor?.accountId ?? null));
    if (outcome.kind === 'done' && actor?.licence) await pullDocuments(deps, actor.licence);
    if (outcome.kind === 'done' && isEnrolled) await keepLease(deps);
  } catch {
    // A read failure (offline pull, storage hiccup) is retried by the next trigger.
  }
}

/** After a failed lease request, the next waits this long (the sync runs every 15 s). */
const LEASE_RETRY_MS = 60_000;
let nextLeaseAttemptAt = 0;

/**
 * While online, an enrolled kiosk keeps a lease it can issue from when the server becomes
 * unreachable (made with its own key on first use). A browser without Ed25519 is noted: the
 * kiosk then says offline issuance is unavailable and queues as before.
 */
async function keepLease(deps: SyncDeps): Promise<void> {
  if (deps.now() < nextLeaseAttemptAt) return;
  try {
    const outcome = await renewLeaseIfNeeded({ ...deps, key: () => ensureKioskKey(deps.db) });
    if (outcome === 'refused' || outcome === 'unreachable') {
      nextLeaseAttemptAt = deps.now() + LEASE_RETRY_MS;
    }
    await noteOfflineIssuance(deps.db, 'available');
  } catch (error) {
    if (!(error instanceof KioskKeyUnsupported)) throw error;
    nextLeaseAttemptAt = Number.POSITIVE_INFINITY;
    await noteOfflineIssuance(deps.db, 'unsupported');
  }
}
