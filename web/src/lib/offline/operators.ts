import type { OperatorVerifier } from '@comptoir/shared';
import type { ComptoirDb, OperatorRow } from './db';

/**
 * Replaces the operators of a generic account with what the server just answered: a disabled
 * or removed operator can no longer unlock this kiosk once it was online.
 */
export async function replaceOperators(
  db: ComptoirDb,
  accountId: string,
  verifiers: readonly OperatorVerifier[],
): Promise<void> {
  await db.transaction('rw', db.operators, async () => {
    await db.operators.where('accountId').equals(accountId).delete();
    await db.operators.bulkPut(
      verifiers.map((verifier): OperatorRow => ({
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
