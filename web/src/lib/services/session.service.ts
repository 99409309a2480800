import {
  apiErrorSchema,
  loginRequestSchema,
  fromZodError,
  sessionInfoSchema,
  sessionLookupSchema,
} from '@comptoir/shared';
import { kioskCredentialHeaders } from '$lib/offline/kiosk-credential';
import { kioskDb } from '$lib/offline/kiosk-db';
import { recordLicenceSuspensions } from '$lib/offline/licence-suspensions';
import {
  clearKioskState,
  readKioskState,
  updateSyncStatus,
  writeKioskState,
} from '$lib/offline/kiosk-state';
import { ACTIVE_ACTOR_KEY, requestSync } from '$lib/offline/sync-runner';
import { session, storedSessionSchema } from '$lib/session/session.svelte';
import { kioskError, type ActionResult } from './result';

/** Where the kiosk keeps the signed-in session (`storedSessionSchema`). */
export const SESSION_KEY = 'session';

/**
 * Restores the session kept on this kiosk, then, when online, asks the server whether it is
 * still valid. Offline, the person stays signed in for queuing: the server re-checks every
 * command when it arrives.
 */
export async function loadSession(): Promise<void> {
  const db = kioskDb();
  const stored = await readKioskState(db, SESSION_KEY, storedSessionSchema);
  session.info = stored?.info;
  session.licence = stored?.licence;
  session.isLoaded = true;
  if (!navigator.onLine) return;
  try {
    // `ifSignedIn`: signed out is an answer here (the sign-in screen opens signed out), not a
    // 401 that the browser logs as an error on every start.
    const response = await fetch('/api/auth/session?ifSignedIn=1', { credentials: 'same-origin' });
    if (!response.ok) return;
    const parsed = sessionLookupSchema.safeParse(await response.json());
    if (!parsed.success) return;
    if (parsed.data.session) await remember(parsed.data.session, session.licence);
    else if (stored) await updateSyncStatus(db, { isAuthRequired: true });
  } catch {
    // Offline after all: keep the stored session.
  }
}

/** Signs in online; the first licence is chosen when there is only one. */
export async function signIn(username: string, password: string): Promise<ActionResult<null>> {
  const body = loginRequestSchema.safeParse({ username, password });
  if (!body.success) return { ok: false, error: fromZodError(body.error) };
  let response: Response;
  try {
    response = await fetch('/api/auth/login', {
      method: 'POST',
      // An enrolled kiosk names itself: the server records this online sign-in on it, which
      // later authorizes this person's offline commands (docs/sync.md, "Who may push what").
      headers: { 'content-type': 'application/json', ...(await kioskCredentialHeaders(kioskDb())) },
      credentials: 'same-origin',
      body: JSON.stringify(body.data),
    });
  } catch {
    return {
      ok: false,
      error: kioskError(
        'offline',
        'La connexion exige Internet. Réessayez quand le poste est en ligne.',
        'Signing in needs the internet. Try again when the kiosk is online.',
      ),
    };
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = apiErrorSchema.safeParse(json);
    return {
      ok: false,
      error: error.success
        ? error.data
        : kioskError('sign_in_failed', 'La connexion a échoué.', 'Sign-in failed.'),
    };
  }
  const info = sessionInfoSchema.safeParse(json);
  if (!info.success) {
    return {
      ok: false,
      error: kioskError('sign_in_failed', 'La connexion a échoué.', 'Sign-in failed.'),
    };
  }
  const onlyLicence = info.data.licences.length === 1 ? info.data.licences[0]?.licence : undefined;
  const previous = info.data.licences.some((entry) => entry.licence === session.licence)
    ? session.licence
    : undefined;
  await remember(info.data, previous ?? onlyLicence);
  await updateSyncStatus(kioskDb(), { isAuthRequired: false });
  requestSync();
  return { ok: true, value: null };
}

/** Chooses the licence to work under (one of the session's). */
export async function chooseLicence(licence: string): Promise<void> {
  if (!session.info?.licences.some((entry) => entry.licence === licence)) return;
  // Parsing makes a plain copy: IndexedDB cannot clone the rune's proxy (DataCloneError).
  await remember(sessionInfoSchema.parse(session.info), licence);
  requestSync();
}

/**
 * Signs out. The person's queued commands stay on the kiosk, waiting for them: the next
 * person sees only how many there are.
 */
export async function signOut(): Promise<void> {
  try {
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
  } catch {
    // Offline: the server session expires on its own.
  }
  const db = kioskDb();
  await clearKioskState(db, SESSION_KEY);
  await clearKioskState(db, ACTIVE_ACTOR_KEY);
  session.info = undefined;
  session.licence = undefined;
}

async function remember(info: typeof session.info, licence: string | undefined): Promise<void> {
  if (!info) return;
  const db = kioskDb();
  session.info = info;
  session.licence = licence;
  await writeKioskState(db, SESSION_KEY, { info, licence });
  await writeKioskState(db, ACTIVE_ACTOR_KEY, { accountId: info.account.id, licence });
  await recordLicenceSuspensions(
    db,
    Object.fromEntries(info.licences.map((entry) => [entry.licence, entry.isSuspended === true])),
  );
}
