import { withDistinctNames, type OperatorVerifier } from '@comptoir/shared';
import { z } from 'zod';
import type { ComptoirDb, OperatorRow } from './db';
import { unlockDelayMs } from './offline-unlock';

/**
 * Replaces the operators of a generic account with what the server just answered: a disabled
 * or removed operator can no longer unlock this kiosk once it was online. Two operators with
 * one name (an older server allowed it) are never both listed: a person picking "Julie Roy"
 * must be sure whose PIN screen it is, so the first (the server lists by name, then age) stays.
 */
export async function replaceOperators(
  db: ComptoirDb,
  accountId: string,
  verifiers: readonly OperatorVerifier[],
): Promise<void> {
  await db.transaction('rw', db.operators, async () => {
    await db.operators.where('accountId').equals(accountId).delete();
    await db.operators.bulkPut(
      withDistinctNames(verifiers).map((verifier): OperatorRow => ({
        operatorId: verifier.operatorId,
        accountId,
        displayName: verifier.displayName,
        salt: verifier.salt,
        iterations: verifier.iterations,
        verifier: verifier.verifier,
      })),
    );
  });
}

/** The operators who may unlock this kiosk under a generic account, by name. */
export async function listOperators(db: ComptoirDb, accountId: string): Promise<OperatorRow[]> {
  const rows = await db.operators.where('accountId').equals(accountId).toArray();
  return rows.sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
}

function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * Checks an operator's PIN against the verifier the server salted for this kiosk (PBKDF2,
 * the same derivation as the server's). Returns the operator when the PIN fits.
 */
export async function checkOperatorPin(
  db: ComptoirDb,
  operatorId: string,
  pin: string,
): Promise<OperatorRow | undefined> {
  const row = await db.operators.get(operatorId);
  if (!row) return undefined;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(pin.trim()), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(row.salt), iterations: row.iterations },
    key,
    256,
  );
  return toBase64Url(new Uint8Array(bits)) === row.verifier ? row : undefined;
}

/**
 * The kiosk-state key of the wrong-PIN count: one for the whole kiosk, so guessing under
 * several operators' names earns the same waits.
 */
export const OPERATOR_TRIES_KEY = 'operatorPinFailures';

const operatorTriesSchema = z.object({ count: z.number(), retryAfter: z.number() });

/** Why a PIN did not unlock the kiosk, or the operator it unlocked for. */
export type OperatorUnlockOutcome =
  | { ok: true; operator: OperatorRow }
  | { ok: false; reason: 'wrong_pin'; retryAfter: number }
  /** Too many wrong PINs: no PIN is checked before `retryAfter` (epoch ms). */
  | { ok: false; reason: 'wait'; retryAfter: number };

/**
 * Checks an operator's PIN for the generic account `accountId`, with the same growing waits
 * as the offline unlock. The try is counted as a failure in one IndexedDB transaction before
 * the PIN is checked (read-write transactions on one store run one after the other, across
 * tabs too), so a burst gets no more checks than the waits allow and a reload forgets none;
 * a right PIN resets the count.
 */
export async function unlockOperator(
  db: ComptoirDb,
  accountId: string,
  operatorId: string,
  pin: string,
  now: number,
): Promise<OperatorUnlockOutcome> {
  const reserved = await db.transaction('rw', db.kioskState, async () => {
    const stored = await db.kioskState.get(OPERATOR_TRIES_KEY);
    const tries = operatorTriesSchema.safeParse(stored?.value);
    const { count, retryAfter } = tries.success ? tries.data : { count: 0, retryAfter: 0 };
    if (now < retryAfter) return { isReserved: false, retryAfter };
    const next = { count: count + 1, retryAfter: now + unlockDelayMs(count + 1) };
    await db.kioskState.put({ key: OPERATOR_TRIES_KEY, value: next });
    return { isReserved: true, retryAfter: next.retryAfter };
  });
  if (!reserved.isReserved) return { ok: false, reason: 'wait', retryAfter: reserved.retryAfter };
  const operator = await checkOperatorPin(db, operatorId, pin);
  if (!operator || operator.accountId !== accountId) {
    return { ok: false, reason: 'wrong_pin', retryAfter: reserved.retryAfter };
  }
  await db.kioskState.put({ key: OPERATOR_TRIES_KEY, value: { count: 0, retryAfter: 0 } });
  return { ok: true, operator };
}
