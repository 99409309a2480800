import type { Tx } from '../db/engine.js';

/*
 * Sign-in limits (ASVS 6.3.1, PCI DSS 8.3.4), counted in the database so that every web
 * process shares them. Two kinds of key:
 * - per account: 5 failures are free, then each failure locks the account for a delay that
 *   doubles (30 s, 1 min, 2 min... up to 15 min); a success clears it;
 * - per address: 100 failures per quarter hour, high enough for a whole dealership behind one
 *   address, low enough to stop a spray of usernames from one place.
 */

/** Free failures per account before delays start. */
export const ACCOUNT_FREE_FAILURES = 5;
const ACCOUNT_FIRST_DELAY_MS = 30_000;
const ACCOUNT_MAX_DELAY_MS = 15 * 60_000;
/** An account's count restarts a day after its first failure. */
const ACCOUNT_WINDOW_MS = 24 * 3600_000;
/** Failures per address per window before it is refused until the window ends. */
export const ADDRESS_MAX_FAILURES = 100;
const ADDRESS_WINDOW_MS = 15 * 60_000;

/** The throttle keys of one sign-in attempt. */
export function throttleKeys(username: string, clientAddress: string): string[] {
  return [`account:${username.toLowerCase()}`, `address:${clientAddress}`];
}

/** Milliseconds until the first of `keys` is unblocked (0 when none is blocked). */
export async function blockedForMs(tx: Tx, keys: readonly string[], now: Date): Promise<number> {
  const rows = await tx
    .selectFrom('signin_throttle')
    .select(['blocked_until'])
    .where('key', 'in', [...keys])
    .execute();
  let longest = 0;
  for (const row of rows) {
    if (!row.blocked_until) continue;
    longest = Math.max(longest, new Date(row.blocked_until).getTime() - now.getTime());
  }
  return longest;
}

function policyOf(key: string) {
  return key.startsWith('account:')
    ? {
        windowMs: ACCOUNT_WINDOW_MS,
        delayAfter: (failures: number) =>
          failures < ACCOUNT_FREE_FAILURES
            ? 0
            : Math.min(
                ACCOUNT_FIRST_DELAY_MS * 2 ** (failures - ACCOUNT_FREE_FAILURES),
                ACCOUNT_MAX_DELAY_MS,
              ),
      }
    : {
        windowMs: ADDRESS_WINDOW_MS,
        delayAfter: (failures: number, windowStart: number, now: number) =>
          failures < ADDRESS_MAX_FAILURES ? 0 : windowStart + ADDRESS_WINDOW_MS - now,
      };
}

/** Counts one failure for each key (inside the caller's write transaction, which serializes them). */
export async function recordFailure(tx: Tx, keys: readonly string[], now: Date): Promise<void> {
  for (const key of keys) {
    const policy = policyOf(key);
    const row = await tx
      .selectFrom('signin_throttle')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    const isFresh =
      !row || now.getTime() - new Date(row.window_started_at).getTime() >= policy.windowMs;
    const failures = isFresh ? 1 : row.failures + 1;
    const windowStart = isFresh ? now.getTime() : new Date(row.window_started_at).getTime();
    const delay = policy.delayAfter(failures, windowStart, now.getTime());
    const values = {
      failures,
      window_started_at: new Date(windowStart).toISOString(),
      blocked_until: delay > 0 ? new Date(now.getTime() + delay).toISOString() : null,
    };
    await tx
      .insertInto('signin_throttle')
      .values({ key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
  }
}

/** Clears an account's failures after a successful sign-in (the address count stays). */
export async function clearAccountFailures(tx: Tx, username: string): Promise<void> {
  await tx
    .deleteFrom('signin_throttle')
    .where('key', '=', `account:${username.toLowerCase()}`)
    .execute();
}
