import { OFFLINE_WINDOW_HOURS, sessionInfoSchema, type SessionInfo } from '@comptoir/shared';
import { liveQuery } from 'dexie';
import type { ComptoirDb, OfflineUnlockRow } from './db';

/** PBKDF2-SHA-256 rounds (OWASP's 2023 floor for this hash): slow to guess, once per unlock. */
export const OFFLINE_UNLOCK_ITERATIONS = 310_000;

/** The shortest offline-unlock secret a person may choose. */
export const OFFLINE_SECRET_MIN_LENGTH = 6;

/** Wrong secrets allowed before the kiosk makes the next try wait. */
const FREE_TRIES = 2;
const MAX_DELAY_MS = 5 * 60_000;

/**
 * How long the kiosk waits before the next try after `failures` wrong secrets in a row:
 * nothing for the first two, then 2 s, 4 s, 8 s... capped at 5 minutes.
 */
export function unlockDelayMs(failures: number): number {
  if (failures <= FREE_TRIES) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_TRIES));
}

function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

async function derive(
  secret: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/** Compares two hashes in time that does not depend on where they differ. */
function isSameBytes(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let index = 0; index < left.length; index++) {
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  }
  return difference === 0;
}

/** What the person chose, with the session they signed in online to. */
export interface OfflineSecretInput {
  info: SessionInfo;
  licence: string | undefined;
  /** Epoch ms of the online sign-in (the offline window runs from it). */
  signedInAt: number;
  secret: string;
}

/**
 * Keeps a salted slow hash of the person's offline-unlock secret with their session facts,
 * replacing any earlier one (and its failure count). The secret itself is never stored.
 */
export async function storeOfflineSecret(
  db: ComptoirDb,
  input: OfflineSecretInput,
  iterations: number = OFFLINE_UNLOCK_ITERATIONS,
): Promise<void> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(input.secret, salt, iterations);
  const row: OfflineUnlockRow = {
    accountId: input.info.account.id,
    username: input.info.account.username.toLowerCase(),
    displayName: input.info.account.displayName,
    hash: toBase64Url(hash),
    salt: toBase64Url(salt),
    iterations,
    info: input.info,
    ...(input.licence !== undefined && { licence: input.licence }),
    signedInAt: input.signedInAt,
    failures: 0,
    retryAfter: 0,
  };
  await db.offlineUnlocks.put(row);
}

/** Why an offline unlock did not open the kiosk. */
export type UnlockRefusal =
  /** No secret was set on this kiosk for that username (or its session facts are unreadable). */
  | { reason: 'unknown' }
  /** The online sign-in is older than the offline window: sign in online again. */
  | { reason: 'expired' }
  | { reason: 'wrong_secret'; retryAfter: number }
  /** Too many wrong secrets: the kiosk takes no try before `retryAfter` (epoch ms). */
  | { reason: 'wait'; retryAfter: number };

/** The session an offline unlock opens, or why it did not. */
export type UnlockOutcome =
  { ok: true; info: SessionInfo; licence: string | undefined } | ({ ok: false } & UnlockRefusal);

/** A try that took its place in the count before its secret is checked. */
type ReservedTry = { row: OfflineUnlockRow; info: SessionInfo; retryAfter: number };

/**
 * Counts one try for `username` in a single IndexedDB transaction, before any secret is
 * checked: IndexedDB runs read-write transactions on one store one after the other, across
 * tabs too, so a burst of tries (a script, several tabs) sees each other's count and no more of
 * them reach the check than the waits allow. The count lives on the row: a reload keeps it.
 */
async function reserveTry(
  db: ComptoirDb,
  username: string,
  now: number,
  windowHours: number,
): Promise<ReservedTry | UnlockRefusal> {
  return db.transaction('rw', db.offlineUnlocks, async (): Promise<ReservedTry | UnlockRefusal> => {
    const row = await db.offlineUnlocks.where('username').equals(username).first();
    const info = sessionInfoSchema.safeParse(row?.info);
    if (!row || !info.success) return { reason: 'unknown' };
    if (now < row.retryAfter) return { reason: 'wait', retryAfter: row.retryAfter };
    // An expired sign-in checks no secret: nothing to count.
    if (now - row.signedInAt > windowHours * 3_600_000 || now < row.signedInAt) {
      return { reason: 'expired' };
    }
    const failures = row.failures + 1;
    const retryAfter = now + unlockDelayMs(failures);
    await db.offlineUnlocks.update(row.accountId, { failures, retryAfter });
    return { row, info: info.data, retryAfter };
  });
}

/**
 * Unlocks the kiosk offline for `username` with their offline-unlock secret: only within
 * `windowHours` of their online sign-in on this kiosk, and not while a wrong-secret delay
 * runs. Each try is counted as a failure before the secret is checked (so each wrong secret
 * makes the next delay longer); a right one resets the count.
 */
export async function unlockOffline(
  db: ComptoirDb,
  username: string,
  secret: string,
  now: number,
  windowHours: number = OFFLINE_WINDOW_HOURS,
): Promise<UnlockOutcome> {
  const reserved = await reserveTry(db, username.trim().toLowerCase(), now, windowHours);
  if ('reason' in reserved) return { ok: false, ...reserved };
  const { row } = reserved;
  const hash = await derive(secret, fromBase64Url(row.salt), row.iterations);
  if (!isSameBytes(hash, fromBase64Url(row.hash))) {
    return { ok: false, reason: 'wrong_secret', retryAfter: reserved.retryAfter };
  }
  await db.offlineUnlocks.update(row.accountId, { failures: 0, retryAfter: 0 });
  return { ok: true, info: reserved.info, licence: row.licence };
}

/** Forgets a person's offline-unlock secret on this kiosk (they sign out for good). */
export async function forgetOfflineSecret(db: ComptoirDb, accountId: string): Promise<void> {
  await db.offlineUnlocks.delete(accountId);
}

/**
 * Calls `onChange` with whether the person has an offline-unlock secret on this kiosk, now and
 * whenever that changes (in any tab). Returns the function that stops watching.
 */
export function watchOfflineSecret(
  db: ComptoirDb,
  accountId: string,
  onChange: (hasSecret: boolean) => void,
): () => void {
  const subscription = liveQuery(
    async () => (await db.offlineUnlocks.get(accountId)) !== undefined,
  ).subscribe({ next: onChange, error: () => undefined });
  return () => subscription.unsubscribe();
}
