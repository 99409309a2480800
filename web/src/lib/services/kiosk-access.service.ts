import {
  OFFLINE_WINDOW_HOURS,
  apiErrorSchema,
  kioskEnrolResponseSchema,
  operatorSchema,
  operatorVerifiersResponseSchema,
  sessionInfoSchema,
  type ApiError,
  type KioskLocation,
  type Operator,
} from '@comptoir/shared';
import { z } from 'zod';
import { messages, type MessageKey } from '$lib/i18n/messages';
import {
  kioskCredentialHeaders,
  readKioskEnrolment,
  saveKioskEnrolment,
  type KioskEnrolment,
} from '$lib/offline/kiosk-credential';
import { kioskDb } from '$lib/offline/kiosk-db';
import {
  clearKioskState,
  kioskId,
  readKioskState,
  writeKioskState,
} from '$lib/offline/kiosk-state';
import {
  OFFLINE_SECRET_MIN_LENGTH,
  storeOfflineSecret,
  unlockOffline,
  watchOfflineSecret,
} from '$lib/offline/offline-unlock';
import type { OperatorRow } from '$lib/offline/db';
import { listOperators, replaceOperators, unlockOperator } from '$lib/offline/operators';
import { ACTIVE_ACTOR_KEY, requestSync } from '$lib/offline/sync-runner';
import { session } from '$lib/session/session.svelte';
import { kioskError, type ActionResult } from './result';
import { SESSION_KEY, signOut } from './session.service';

export type { KioskEnrolment, OperatorRow };
/** The shortest offline-unlock secret the settings screen accepts. */
export { OFFLINE_SECRET_MIN_LENGTH };

const LOCKED_KEY = 'locked';
const WINDOW_KEY = 'offlineWindowHours';
/** The operator who unlocked the generic account's session with their PIN (shared with commands). */
export const ACTIVE_OPERATOR_KEY = 'activeOperator';

/** The operator working now under a generic account. */
export const activeOperatorSchema = z.object({
  accountId: z.string(),
  operatorId: z.string(),
  displayName: z.string(),
});
/** The operator working now. */
export type ActiveOperator = z.infer<typeof activeOperatorSchema>;

/** A kiosk-side error worded by the catalogue, optionally on one field of the form. */
function catalogueError(
  code: string,
  key: MessageKey,
  params: Record<string, string> = {},
  path?: string,
): ApiError {
  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (match, name: string) => params[name] ?? match);
  const error = kioskError(code, fill(messages[key].fr), fill(messages[key].en));
  return path === undefined
    ? error
    : { ...error, fields: [{ path, code, message: error.message }] };
}

/** This kiosk's access facts for the layout and the settings screen. */
export interface KioskAccessState {
  enrolment: KioskEnrolment | undefined;
  isLocked: boolean;
  offlineWindowHours: number;
}

/** This kiosk's id, created once and kept: commands name the kiosk they came from. */
export async function thisKioskId(): Promise<string> {
  return kioskId(kioskDb());
}

/** Reads the kiosk's enrolment, lock and offline window setting. */
export async function loadKioskAccess(): Promise<KioskAccessState> {
  const db = kioskDb();
  return {
    enrolment: await readKioskEnrolment(db),
    isLocked: (await readKioskState(db, LOCKED_KEY, z.boolean())) ?? false,
    offlineWindowHours: await offlineWindowHours(),
  };
}

/** The kiosk's offline window: its own setting (1 to 12 h), 12 h by default. */
export async function offlineWindowHours(): Promise<number> {
  const stored = await readKioskState(
    kioskDb(),
    WINDOW_KEY,
    z.number().int().min(1).max(OFFLINE_WINDOW_HOURS),
  );
  return stored ?? OFFLINE_WINDOW_HOURS;
}

/** Sets the kiosk's offline window (never longer than the server's 12 h). */
export async function setOfflineWindowHours(hours: number): Promise<ActionResult<number>> {
  const parsed = z.number().int().min(1).max(OFFLINE_WINDOW_HOURS).safeParse(hours);
  if (!parsed.success) {
    return { ok: false, error: catalogueError('invalid_input', 'kioskAccess.windowHours') };
  }
  await writeKioskState(kioskDb(), WINDOW_KEY, parsed.data);
  return { ok: true, value: parsed.data };
}

/**
 * Enrols this kiosk under the signed-in administrator's licence (online only) and keeps the
 * device credential the server shows this once; from then on the kiosk sends everyone's
 * commands with it.
 */
export async function enrolThisKiosk(
  name: string,
  location: KioskLocation,
): Promise<ActionResult<KioskEnrolment>> {
  const licence = session.licence;
  if (!session.info || !licence) {
    return { ok: false, error: catalogueError('unauthenticated', 'kioskAccess.adminOnly') };
  }
  const db = kioskDb();
  let response: Response;
  try {
    response = await fetch('/api/kiosks', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ kioskId: await kioskId(db), name, location, licence }),
    });
  } catch {
    return { ok: false, error: catalogueError('online_only', 'kioskAccess.needsOnline') };
  }
  const body: unknown = await response.json().catch(() => undefined);
  const enrolment = kioskEnrolResponseSchema.safeParse(body);
  if (!response.ok || !enrolment.success) {
    const error = apiErrorSchema.safeParse(body);
    return {
      ok: false,
      error: error.success ? error.data : catalogueError('forbidden', 'kioskAccess.adminOnly'),
    };
  }
  await saveKioskEnrolment(db, enrolment.data);
  const dealer = session.info.licences.find((entry) => entry.licence === licence);
  if (dealer) {
    await writeKioskState(db, ENROLLED_DEALER_KEY, { name: dealer.dealerName, neq: dealer.neq });
  }
  requestSync();
  return { ok: true, value: enrolment.data };
}

/**
 * Sets the signed-in person's offline-unlock secret on this kiosk. Only during an online
 * sign-in: the server confirms the session first, and the offline window runs from now.
 */
export async function setOfflineSecret(
  secret: string,
  confirmation: string,
): Promise<ActionResult<null>> {
  const min = String(OFFLINE_SECRET_MIN_LENGTH);
  if (secret.length < OFFLINE_SECRET_MIN_LENGTH) {
    return {
      ok: false,
      error: catalogueError('too_short', 'kioskAccess.secretTooShort', { min }, 'secret'),
    };
  }
  if (secret !== confirmation) {
    return {
      ok: false,
      error: catalogueError('secret_mismatch', 'kioskAccess.secretMismatch', {}, 'confirmation'),
    };
  }
  const db = kioskDb();
  let info;
  try {
    const response = await fetch('/api/auth/session', {
      credentials: 'same-origin',
      headers: { ...(await kioskCredentialHeaders(db)), accept: 'application/json' },
    });
    info = response.ok ? sessionInfoSchema.safeParse(await response.json()) : undefined;
  } catch {
    info = undefined;
  }
  if (!info?.success || info.data.account.id !== session.info?.account.id) {
    return { ok: false, error: catalogueError('online_only', 'kioskAccess.needsOnline') };
  }
  await storeOfflineSecret(db, {
    info: info.data,
    licence: session.licence,
    signedInAt: Date.now(),
    secret,
  });
  return { ok: true, value: null };
}

/**
 * Locks the kiosk (idle, or the person asked): the lock screen shows from now on, even after
 * a reload, and the person is signed out (their work stays on the kiosk, private to them).
 * `at` is where the person was: their own unlock takes them back there.
 */
export async function lockKiosk(reason: LockReason, at: string): Promise<void> {
  await rememberLock(reason, at);
  await writeKioskState(kioskDb(), LOCKED_KEY, true);
  await clearKioskState(kioskDb(), ACTIVE_OPERATOR_KEY);
  await signOut();
}

const ENROLLED_DEALER_KEY = 'enrolledDealer';
const enrolledDealerSchema = z.object({ name: z.string(), neq: z.string() });

/**
 * The dealer this kiosk is enrolled for (kept at enrolment; undefined when not enrolled or
 * enrolled by an older version): the sign-in screen names it before anyone signs in.
 */
export async function enrolledDealer(): Promise<z.infer<typeof enrolledDealerSchema> | undefined> {
  const db = kioskDb();
  if (!(await readKioskEnrolment(db))) return undefined;
  return readKioskState(db, ENROLLED_DEALER_KEY, enrolledDealerSchema);
}

/**
 * Whether the signed-in person works for another dealer than the one this kiosk is enrolled
 * for: the server refuses their offline work from it, so the sign-in screen says so first.
 * Staff (no licence) and unknown enrolments are never "another dealer".
 */
export async function isKioskOfAnotherDealer(): Promise<boolean> {
  const dealer = await enrolledDealer();
  const licences = session.info?.licences ?? [];
  if (!dealer || licences.length === 0) return false;
  return !licences.some((entry) => entry.neq === dealer.neq);
}

/** Leaves the lock screen for the online sign-in screen. */
export async function leaveLockScreen(): Promise<void> {
  // Whoever signs in next was not locked out: no reason to give, no place to return to.
  await clearKioskState(kioskDb(), LOCK_CONTEXT_KEY);
  await writeKioskState(kioskDb(), LOCKED_KEY, false);
}

/**
 * Unlocks offline with the person's secret: within the kiosk's offline window of their online
 * sign-in on it, with growing delays after wrong secrets. Their session facts come back, and
 * what they queue carries their identity; the server re-checks all of it at sync.
 */
export async function unlockWithSecret(
  username: string,
  secret: string,
): Promise<ActionResult<null>> {
  const db = kioskDb();
  const outcome = await unlockOffline(db, username, secret, Date.now(), await offlineWindowHours());
  if (!outcome.ok) return { ok: false, error: unlockError(outcome) };
  session.info = outcome.info;
  session.licence = outcome.licence;
  await writeKioskState(db, SESSION_KEY, { info: outcome.info, licence: outcome.licence });
  await writeKioskState(db, ACTIVE_ACTOR_KEY, {
    accountId: outcome.info.account.id,
    licence: outcome.licence,
  });
  await writeKioskState(db, LOCKED_KEY, false);
  requestSync();
  return { ok: true, value: null };
}

function unlockError(
  outcome: Exclude<Awaited<ReturnType<typeof unlockOffline>>, { ok: true }>,
): ApiError {
  switch (outcome.reason) {
    case 'unknown':
      return catalogueError('unlock_unknown', 'lock.unknown');
    case 'expired':
      return catalogueError('unlock_expired', 'lock.expired');
    case 'wrong_secret':
      return catalogueError('unlock_wrong_secret', 'lock.wrongSecret');
    case 'wait':
      return catalogueError('unlock_wait', 'lock.wait', {
        seconds: String(Math.ceil((outcome.retryAfter - Date.now()) / 1000)),
      });
  }
}

/** The operator working now under the signed-in generic account, if any. */
export async function activeOperator(): Promise<ActiveOperator | undefined> {
  const active = await readKioskState(kioskDb(), ACTIVE_OPERATOR_KEY, activeOperatorSchema);
  return active && active.accountId === session.info?.account.id ? active : undefined;
}

/**
 * The operators who must unlock the signed-in generic account's session with a PIN (refreshed
 * from the server when online); empty when the person is not on a generic account or the
 * dealer uses no operator PINs.
 */
export async function operatorsToUnlock(): Promise<OperatorRow[]> {
  const info = session.info;
  if (!info || info.account.kind !== 'generic' || !session.licence) return [];
  const db = kioskDb();
  if (navigator.onLine) {
    try {
      const query = new URLSearchParams({ licence: session.licence, kioskId: await kioskId(db) });
      const response = await fetch(`/api/operators/verifiers?${query.toString()}`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      const parsed = response.ok
        ? operatorVerifiersResponseSchema.safeParse(await response.json())
        : undefined;
      if (parsed?.success) await replaceOperators(db, info.account.id, parsed.data.operators);
    } catch {
      // Offline after all: the verifiers from the last online sign-in stay.
    }
  }
  return listOperators(db, info.account.id);
}

/**
 * Unlocks the generic account's session for one operator with their PIN (checked on the
 * kiosk, offline too); wrong PINs make the next try wait longer. From then on commands name
 * the operator.
 */
export async function unlockAsOperator(
  operatorId: string,
  pin: string,
): Promise<ActionResult<ActiveOperator>> {
  const db = kioskDb();
  const accountId = session.info?.account.id;
  if (!accountId) return { ok: false, error: catalogueError('unauthenticated', 'lock.unknown') };
  const outcome = await unlockOperator(db, accountId, operatorId, pin, Date.now());
  if (!outcome.ok) {
    return {
      ok: false,
      error:
        outcome.reason === 'wait'
          ? catalogueError('unlock_wait', 'lock.wait', {
              seconds: String(Math.ceil((outcome.retryAfter - Date.now()) / 1000)),
            })
          : catalogueError('unlock_wrong_pin', 'lock.wrongPin', {}, 'pin'),
    };
  }
  const { operator } = outcome;
  const active: ActiveOperator = {
    accountId,
    operatorId: operator.operatorId,
    displayName: operator.displayName,
  };
  await writeKioskState(db, ACTIVE_OPERATOR_KEY, active);
  return { ok: true, value: active };
}

/**
 * Ends the operator's turn: the generic account stays signed in, the PIN screen shows. With
 * a reason (an idle or a manual lock), the PIN screen says it and the same operator's unlock
 * returns to `at`; without (signing out), nothing is remembered.
 */
export async function lockOperator(lock?: { reason: LockReason; at: string }): Promise<void> {
  if (lock) await rememberLock(lock.reason, lock.at);
  else await clearKioskState(kioskDb(), LOCK_CONTEXT_KEY);
  await clearKioskState(kioskDb(), ACTIVE_OPERATOR_KEY);
}

/** Why the kiosk or the operator's turn was locked: nobody touched it, or the person chose to. */
export type LockReason = 'idle' | 'manual';

const LOCK_CONTEXT_KEY = 'lockContext';
const lockContextSchema = z.object({
  reason: z.enum(['idle', 'manual']),
  accountId: z.string(),
  operatorId: z.string().optional(),
  at: z.string(),
});

/** Keeps why the lock happened and, for the same person's unlock only, where they were. */
async function rememberLock(reason: LockReason, at: string): Promise<void> {
  const accountId = session.info?.account.id;
  if (!accountId) return;
  const operator = await activeOperator();
  await writeKioskState(kioskDb(), LOCK_CONTEXT_KEY, {
    reason,
    accountId,
    ...(operator && { operatorId: operator.operatorId }),
    at,
  });
}

/** Why the last lock happened (the lock and PIN screens say it), if the kiosk was locked. */
export async function lastLockReason(): Promise<LockReason | undefined> {
  return (await readKioskState(kioskDb(), LOCK_CONTEXT_KEY, lockContextSchema))?.reason;
}

/**
 * Where the person who just unlocked goes back to: where they were when the lock came (a path
 * read from the page's URL, base path included), if they are the one who was there (same
 * account, same operator); undefined otherwise (home): another person never lands on the last
 * one's screen. The remembered place is forgotten either way.
 */
export async function pathAfterUnlock(): Promise<string | undefined> {
  const db = kioskDb();
  const lock = await readKioskState(db, LOCK_CONTEXT_KEY, lockContextSchema);
  await clearKioskState(db, LOCK_CONTEXT_KEY);
  if (!lock) return undefined;
  const operator = await activeOperator();
  const isSamePerson =
    lock.accountId === session.info?.account.id && lock.operatorId === operator?.operatorId;
  // Only a path of this app: never another origin.
  return isSamePerson && /^\/(?![/\\])/.test(lock.at) ? lock.at : undefined;
}

const operatorListSchema = z.object({ operators: z.array(operatorSchema) });

async function operatorsRequest(
  path: string,
  init: RequestInit = {},
): Promise<ActionResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
  } catch {
    return { ok: false, error: catalogueError('online_only', 'kioskAccess.needsOnline') };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, value: body };
  const error = apiErrorSchema.safeParse(body);
  return {
    ok: false,
    error: error.success ? error.data : catalogueError('forbidden', 'kioskAccess.adminOnly'),
  };
}

/** The dealer's operators (administrators; online). */
export async function dealerOperators(): Promise<ActionResult<Operator[]>> {
  if (!session.licence) return { ok: true, value: [] };
  const query = new URLSearchParams({ licence: session.licence });
  const result = await operatorsRequest(`/api/operators?${query.toString()}`);
  if (!result.ok) return result;
  const parsed = operatorListSchema.safeParse(result.value);
  return parsed.success
    ? { ok: true, value: parsed.data.operators }
    : { ok: false, error: catalogueError('internal_error', 'kioskAccess.needsOnline') };
}

/** Adds an operator with their PIN under the current licence's dealer (administrators). */
export async function addOperator(displayName: string, pin: string): Promise<ActionResult<null>> {
  const result = await operatorsRequest('/api/operators', {
    method: 'POST',
    body: JSON.stringify({ licence: session.licence, displayName, pin }),
  });
  return result.ok ? { ok: true, value: null } : result;
}

/** Disables an operator: their PIN stops unlocking kiosks once they are back online. */
export async function disableOperator(operatorId: string): Promise<ActionResult<null>> {
  const result = await operatorsRequest(`/api/operators/${encodeURIComponent(operatorId)}`, {
    method: 'PATCH',
    body: JSON.stringify({ disabled: true }),
  });
  return result.ok ? { ok: true, value: null } : result;
}

/**
 * Watches whether a person still lacks an offline-unlock secret on this kiosk (the optional
 * step offered after an online sign-in). Returns the function that stops watching.
 */
export function watchMissingOfflineSecret(
  accountId: string,
  onChange: (isMissing: boolean) => void,
): () => void {
  return watchOfflineSecret(kioskDb(), accountId, (hasSecret) => onChange(!hasSecret));
}
