import {
  apiErrorSchema,
  pullResponseSchema,
  pushResponseSchema,
  type ApiError,
} from '@comptoir/shared';
import { z } from 'zod';
import { retryDelayMs } from './backoff';
import type { ComptoirDb, OutboxRow } from './db';
import { forgetKioskEnrolment, syncRequestHeaders } from './kiosk-credential';
import { readKioskState, updateSyncStatus, writeKioskState } from './kiosk-state';
import { recordLicenceSuspensions } from './licence-suspensions';
import { takeBatch } from './outbox';
import { followEpoch } from './recovery';
import { noteServerTime } from './server-clock';

/** What the sync engine needs from the outside world (real in the browser, fakes in tests). */
export interface SyncDeps {
  db: ComptoirDb;
  /** The server origin ('' in the browser: same origin). */
  baseUrl: string;
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  /**
   * Called after a pull that carried the dealer's revocation feed (the kiosk hands it to its
   * print agent). Its failure is not the sync's: the next pull carries the feed again.
   */
  onRevocations?: (feed: string) => Promise<void>;
}

/** How one drain ended. */
export type DrainOutcome =
  | { kind: 'done'; applied: number; rejected: number; retried: number }
  /** No answer (offline, server down): everything sent goes back to waiting with backoff. */
  | { kind: 'unreachable'; applied: number; rejected: number; retried: number }
  /** 401: stop and ask the person to sign in again; their commands stay queued. */
  | { kind: 'auth_required'; applied: number; rejected: number; retried: number };

// The server's applied result names the issued document's number, flat or inside the
// document (the contract leaves the result's shape to each command type).
const numberResultSchema = z.object({ number: z.string() }).loose();
const documentNumberResultSchema = z.object({ documentNumber: z.string() }).loose();
const documentResultSchema = z
  .object({ document: z.object({ number: z.string() }).loose() })
  .loose();
const documentsResultSchema = z
  .object({ documents: z.array(z.object({ number: z.string() }).loose()).min(1) })
  .loose();

function documentNumberOf(result: unknown): string | undefined {
  return (
    documentsResultSchema.safeParse(result).data?.documents[0]?.number ??
    numberResultSchema.safeParse(result).data?.number ??
    documentNumberResultSchema.safeParse(result).data?.documentNumber ??
    documentResultSchema.safeParse(result).data?.document.number
  );
}

/**
 * Sends one person's queued commands (everyone's on an enrolled kiosk: `actorAccountId`
 * null) until none is ready, in batches of at most 100. Invariants: a command leaves `sending` only on an answer naming it (or on a failure that
 * proves it was not processed or lets it be replayed); nothing is deleted here; a
 * transient failure backs off with jitter; a rejection is final and kept for the person.
 */
export async function drainOutbox(
  deps: SyncDeps,
  actorAccountId: string | null,
): Promise<DrainOutcome> {
  const tally = { applied: 0, rejected: 0, retried: 0 };
  let batch = await takeBatch(deps.db, actorAccountId, deps.now());
  if (batch.length > 0) await updateSyncStatus(deps.db, { lastAttemptAt: deps.now() });
  while (batch.length > 0) {
    const inFlight = pushBatch(deps, batch, tally);
    // While this batch is on the wire, the next one is picked (rows of the batch in flight
    // are `sending`, so never picked twice): the kiosk's bookkeeping overlaps the server.
    const next = await takeBatch(deps.db, actorAccountId, deps.now());
    const outcome = await inFlight;
    if (outcome !== 'continue') {
      await releaseUnsent(deps.db, next);
      return { kind: outcome, ...tally };
    }
    batch = next;
  }
  // "Last sync" means the server answered: an idle drain while offline proves nothing.
  if (tally.applied + tally.rejected > 0) {
    await updateSyncStatus(deps.db, { lastSyncAt: deps.now(), isAuthRequired: false });
  }
  return { kind: 'done', ...tally };
}

/** A batch picked but never sent goes back exactly as it was (no attempt counted). */
async function releaseUnsent(db: SyncDeps['db'], batch: OutboxRow[]): Promise<void> {
  await db.outbox.bulkUpdate(
    batch.map((row) => ({
      key: row.id,
      changes: { state: 'waiting' as const, firstSentAt: row.firstSentAt },
    })),
  );
}

type BatchOutcome = 'continue' | 'unreachable' | 'auth_required';

async function pushBatch(
  deps: SyncDeps,
  batch: OutboxRow[],
  tally: { applied: number; rejected: number; retried: number },
): Promise<BatchOutcome> {
  let response: Response;
  try {
    response = await deps.fetch(`${deps.baseUrl}/api/sync/push`, {
      method: 'POST',
      headers: {
        ...(await syncRequestHeaders(deps.db)),
        'content-type': 'application/json',
        accept: 'application/json',
      },
      credentials: 'same-origin',
      body: JSON.stringify({ ops: batch.map((row) => row.command) }),
    });
  } catch {
    await backOff(deps, batch, 'network');
    tally.retried += batch.length;
    return 'unreachable';
  }

  if (response.status === 401) {
    // Not a failure of the commands: they wait, with their author, for a new sign-in.
    await deps.db.outbox.bulkUpdate(
      batch.map((row) => ({ key: row.id, changes: { state: 'waiting' as const } })),
    );
    await updateSyncStatus(deps.db, { isAuthRequired: true, lastProblem: 'unauthenticated' });
    return 'auth_required';
  }

  const body: unknown = await response.json().catch(() => undefined);

  if (response.ok) {
    const parsed = pushResponseSchema.safeParse(body);
    if (!parsed.success) {
      await backOff(deps, batch, 'bad_response');
      tally.retried += batch.length;
      return 'unreachable';
    }
    await recordResults(deps, batch, parsed.data.results, tally);
    await writeKioskState(deps.db, 'serverTime', parsed.data.serverTime);
    // Offline papers are dated from the last server time the kiosk knows (server-clock.ts).
    await noteServerTime(deps.db, Date.parse(parsed.data.serverTime), deps.now());
    return 'continue';
  }

  const error = apiErrorSchema.safeParse(body);
  if (response.status >= 500 || response.status === 408 || response.status === 429) {
    await backOff(deps, batch, `http_${response.status}`);
    tally.retried += batch.length;
    return 'unreachable';
  }
  if (response.status === 403 && error.success && error.data.code === 'kiosk_credential_invalid') {
    // This kiosk was revoked: it forgets its credential and its commands wait, unchanged, for
    // their authors' sessions (or a new enrolment).
    await forgetKioskEnrolment(deps.db);
    await deps.db.outbox.bulkUpdate(
      batch.map((row) => ({ key: row.id, changes: { state: 'waiting' as const } })),
    );
    await updateSyncStatus(deps.db, { lastProblem: 'kiosk_credential_invalid' });
    return 'auth_required';
  }
  if (response.status === 403 && error.success && error.data.code === 'actor_not_session') {
    // Should not happen (only the signed-in person's commands are picked), but if the
    // session changed under us the commands wait for their author.
    await deps.db.outbox.bulkUpdate(
      batch.map((row) => ({ key: row.id, changes: { state: 'held' as const } })),
    );
    return 'auth_required';
  }
  // Any other batch-level 4xx: the server will never accept this batch as it is. The
  // commands are shown as needing attention with the server's reason, never dropped.
  const reason: ApiError = error.success
    ? error.data
    : {
        code: `http_${response.status}`,
        message: {
          fr: `Le serveur a refusé l'envoi (HTTP ${response.status}).`,
          en: `The server refused the batch (HTTP ${response.status}).`,
        },
        fields: [],
      };
  await deps.db.outbox.bulkUpdate(
    batch.map((row) => ({
      key: row.id,
      changes: { state: 'rejected' as const, error: reason, acknowledgedAt: deps.now() },
    })),
  );
  tally.rejected += batch.length;
  return 'continue';
}

async function recordResults(
  deps: SyncDeps,
  batch: OutboxRow[],
  results: {
    id: string;
    status: 'applied' | 'rejected' | 'retry' | 'flagged';
    result?: unknown;
    error?: ApiError;
  }[],
  tally: { applied: number; rejected: number; retried: number },
): Promise<void> {
  const byId = new Map(results.map((result) => [result.id, result]));
  const now = deps.now();
  const updates = batch.map((row) => {
    const result = byId.get(row.id);
    if (result?.status === 'applied') {
      tally.applied += 1;
      return {
        key: row.id,
        changes: {
          state: 'applied' as const,
          result: result.result,
          documentNumber: documentNumberOf(result.result),
          acknowledgedAt: now,
          error: undefined,
        },
      };
    }
    if (result?.status === 'flagged') {
      // A paper issued offline, kept and counted by the server, but against a rule the kiosk
      // could not see: final (never sent again, never re-issued), shown to its author.
      tally.applied += 1;
      return {
        key: row.id,
        changes: {
          state: 'flagged' as const,
          result: result.result,
          documentNumber: documentNumberOf(result.result),
          error: result.error,
          acknowledgedAt: now,
        },
      };
    }
    if (result?.status === 'rejected') {
      tally.rejected += 1;
      return {
        key: row.id,
        changes: { state: 'rejected' as const, error: result.error, acknowledgedAt: now },
      };
    }
    // 'retry' or missing from the answer: not processed, send again later.
    tally.retried += 1;
    return {
      key: row.id,
      changes: {
        state: 'waiting' as const,
        attempts: row.attempts + 1,
        nextAttemptAt: now + retryDelayMs(row.attempts + 1, deps.random),
      },
    };
  });
  await deps.db.outbox.bulkUpdate(updates);
}

async function backOff(deps: SyncDeps, batch: OutboxRow[], problem: string): Promise<void> {
  const now = deps.now();
  await deps.db.outbox.bulkUpdate(
    batch.map((row) => ({
      key: row.id,
      changes: {
        state: 'waiting' as const,
        attempts: row.attempts + 1,
        nextAttemptAt: now + retryDelayMs(row.attempts + 1, deps.random),
      },
    })),
  );
  await updateSyncStatus(deps.db, { lastProblem: problem });
}

const cursorSchema = z.number().int().min(0);

/**
 * Brings the documents issued for a licence since the last cursor into Dexie, so they can
 * be viewed and reprinted offline. Returns how many changed.
 */
export async function pullDocuments(deps: SyncDeps, licence: string): Promise<number> {
  let feed: string | undefined;
  const changed = await pullPages(deps, licence, (revocations) => (feed = revocations));
  if (feed !== undefined && deps.onRevocations) {
    await deps.onRevocations(feed).catch(() => undefined);
  }
  return changed;
}

async function pullPages(
  deps: SyncDeps,
  licence: string,
  onFeed: (feed: string) => void,
): Promise<number> {
  let changed = 0;
  for (let page = 0; page < 50; page += 1) {
    const since = (await readKioskState(deps.db, `cursor:${licence}`, cursorSchema)) ?? 0;
    const query = new URLSearchParams({ licence, since: String(since) });
    const response = await deps.fetch(`${deps.baseUrl}/api/sync/pull?${query.toString()}`, {
      credentials: 'same-origin',
      headers: { ...(await syncRequestHeaders(deps.db)), accept: 'application/json' },
    });
    if (response.status === 401) {
      await updateSyncStatus(deps.db, { isAuthRequired: true, lastProblem: 'unauthenticated' });
      return changed;
    }
    if (!response.ok) return changed;
    const parsed = pullResponseSchema.safeParse(await response.json());
    if (!parsed.success) return changed;
    if (parsed.data.revocations !== undefined) onFeed(parsed.data.revocations);
    if (parsed.data.isLicenceSuspended !== undefined) {
      await recordLicenceSuspensions(deps.db, { [licence]: parsed.data.isLicenceSuspended });
    }
    if (parsed.data.epoch) {
      // A restored server: send back what it forgot, then pull everything again from 0.
      const following = await followEpoch(deps, parsed.data.epoch);
      if (following === 'pending') return changed;
      if (following === 'followed') continue;
    }
    const { cursor, changes, more } = parsed.data;
    await deps.db.transaction('rw', deps.db.documents, deps.db.kioskState, async () => {
      for (const change of changes) {
        const existing = await deps.db.documents.get(change.document.number);
        await deps.db.documents.put({
          ...existing,
          number: change.document.number,
          licence: change.document.licence,
          kind: change.document.kind,
          issuedAt: change.document.issuedAt,
          document: change.document,
          status: change.status,
          seq: change.seq,
          jws: change.jws ?? existing?.jws,
          qrToken: change.qrToken ?? existing?.qrToken,
          printCount: change.printCount ?? existing?.printCount,
          // The server's countersigned paper replaces the kiosk's: no lease travels with it.
          offlineLease: change.jws === undefined ? existing?.offlineLease : undefined,
        });
      }
      await writeKioskState(deps.db, `cursor:${licence}`, cursor);
    });
    changed += changes.length;
    await updateSyncStatus(deps.db, { lastSyncAt: deps.now(), isAuthRequired: false });
    if (!more) return changed;
  }
  return changed;
}
