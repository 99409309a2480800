import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/*
 * Sign-in limits (ASVS 6.3.1, PCI DSS 8.3.4), counted in the database so that every web
 * process shares them. An attempt RESERVES its place before the password (or access code) is
 * checked: one atomic upsert adds it and returns the new count, and refuses it when the key is
 * blocked. A check-then-act (read the count, check the password, then write the failure) let a
 * burst of 30 simultaneous attempts check 23 passwords where the policy allows 5.
 *
 * Keys and their policies:
 * - `account:<username>`: 5 attempts are free, then each further one blocks the account for a
 *   delay that doubles (30 s, 1 min, 2 min... up to 15 min); a success clears it. From an
 *   enrolled kiosk the account's key is the kiosk's own (`account:<username>@kiosk:<id>`), so
 *   that failures from elsewhere never lock a kiosk's sign-in out;
 * - `address:<ip>` (or `kiosk:<id>` for an enrolled kiosk): 100 attempts per quarter hour,
 *   high enough for a whole dealership behind one address, low enough to stop a spray of
 *   usernames from one place; a success gives its attempt back;
 * - `access-code:<ip>`: 10 access-code guesses per quarter hour on employee sign-up;
 * - `verifier:<ip>`: 30 lookups per quarter hour on the public verification page.
 *
 * The column keeps its historical name `failures`: it counts reserved attempts.
 */

/** Free attempts per account before delays start. */
export const ACCOUNT_FREE_FAILURES = 5;
const ACCOUNT_FIRST_DELAY_MS = 30_000;
const ACCOUNT_MAX_DELAY_MS = 15 * 60_000;
/** An account's count restarts a day after its first attempt. */
const ACCOUNT_WINDOW_MS = 24 * 3600_000;
/** Attempts per address per window; the last one blocks the address for a window. */
export const ADDRESS_MAX_FAILURES = 100;
const ADDRESS_WINDOW_MS = 15 * 60_000;
/** Access-code guesses per address per window (employee sign-up). */
export const ACCESS_CODE_MAX_FAILURES = 10;
/** Public verification lookups (VIN typed or QR token) per address per window. */
export const VERIFIER_MAX_LOOKUPS = 30;

interface Policy {
  windowMs: number;
  /** How long the attempt numbered `count` blocks the key (0: not at all). */
  delayAfter(count: number): number;
  /** The largest count whose delay is worth spelling out (later counts use its delay). */
  lastDistinctCount: number;
}

const accountPolicy: Policy = {
  windowMs: ACCOUNT_WINDOW_MS,
  delayAfter: (count) =>
    count < ACCOUNT_FREE_FAILURES
      ? 0
      : Math.min(
          ACCOUNT_FIRST_DELAY_MS * 2 ** (count - ACCOUNT_FREE_FAILURES),
          ACCOUNT_MAX_DELAY_MS,
        ),
  lastDistinctCount: ACCOUNT_FREE_FAILURES + 5,
};

function fixedWindowPolicy(max: number): Policy {
  return {
    windowMs: ADDRESS_WINDOW_MS,
    delayAfter: (count) => (count < max ? 0 : ADDRESS_WINDOW_MS),
    lastDistinctCount: max,
  };
}

function policyOf(key: string): Policy {
  if (key.startsWith('account:')) return accountPolicy;
  if (key.startsWith('verifier:')) return fixedWindowPolicy(VERIFIER_MAX_LOOKUPS);
  if (key.startsWith('access-code:')) return fixedWindowPolicy(ACCESS_CODE_MAX_FAILURES);
  return fixedWindowPolicy(ADDRESS_MAX_FAILURES);
}

/**
 * The throttle keys of one sign-in attempt: the account's and the address's, or, from an
 * enrolled kiosk (its device credential proved), the kiosk's own (address first: the cheaper
 * refusal of a spray of usernames comes before an account's count is touched).
 */
export function throttleKeys(username: string, clientAddress: string, kioskId?: string): string[] {
  const account = `account:${username.toLowerCase()}`;
  return kioskId
    ? [`kiosk:${kioskId}`, `${account}@kiosk:${kioskId}`]
    : [`address:${clientAddress}`, account];
}

/** The throttle key of public verification lookups from an address. */
export function verifierKey(clientAddress: string): string {
  return `verifier:${clientAddress}`;
}

/** The throttle key of access-code guesses from an address. */
export function accessCodeKey(clientAddress: string): string {
  return `access-code:${clientAddress}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Reserves one attempt on `key` atomically: one upsert adds it (restarting an expired window)
 * and sets the block its count earns, unless the key is blocked now. Answers 0 when reserved,
 * else the milliseconds until the key unblocks.
 */
async function reserveOne(db: Kysely<Database>, key: string, now: Date): Promise<number> {
  const policy = policyOf(key);
  const nowMs = now.getTime();
  const cutoff = iso(nowMs - policy.windowMs);
  const isExpired = sql<boolean>`signin_throttle.window_started_at <= ${cutoff}`;
  const count = sql<number>`(case when ${isExpired} then 1 else signin_throttle.failures + 1 end)`;
  // The block each count earns, spelled out (ISO text compares in time order on both engines).
  const whens = [];
  for (let n = policy.lastDistinctCount; n >= 1; n -= 1) {
    const delay = policy.delayAfter(n);
    if (delay <= 0) continue;
    const test = n === policy.lastDistinctCount ? sql`${count} >= ${n}` : sql`${count} = ${n}`;
    whens.push(sql`when ${test} then ${iso(nowMs + delay)}`);
  }
  const blockedUntil =
    whens.length > 0 ? sql<string | null>`(case ${sql.join(whens, sql` `)} else null end)` : null;
  const firstDelay = policy.delayAfter(1);
  const result = await sql<{ failures: number }>`
    insert into signin_throttle (key, failures, window_started_at, blocked_until)
    values (${key}, 1, ${iso(nowMs)}, ${firstDelay > 0 ? iso(nowMs + firstDelay) : null})
    on conflict (key) do update set
      failures = ${count},
      window_started_at = (case when ${isExpired} then ${iso(nowMs)}
        else signin_throttle.window_started_at end),
      blocked_until = ${blockedUntil}
    where signin_throttle.blocked_until is null or signin_throttle.blocked_until <= ${iso(nowMs)}
    returning failures`.execute(db);
  if (result.rows.length > 0) return 0;
  const row = await db
    .selectFrom('signin_throttle')
    .select('blocked_until')
    .where('key', '=', key)
    .executeTakeFirst();
  const waitMs = row?.blocked_until ? new Date(row.blocked_until).getTime() - nowMs : 0;
  // Unblocked between the two statements: still refused, try again in a second.
  return Math.max(waitMs, 1000);
}

/**
 * Reserves one attempt on each key in order, BEFORE the secret is checked. Answers 0 when all
 * are reserved, else the wait of the first blocked key (later keys are left untouched).
 * Each reservation is one statement: atomic on its own, outside any write transaction.
 */
export async function reserveAttempt(
  db: Kysely<Database>,
  keys: readonly string[],
  now: Date,
): Promise<number> {
  for (const key of keys) {
    const waitMs = await reserveOne(db, key, now);
    if (waitMs > 0) return waitMs;
  }
  return 0;
}

/**
 * After a success: the account's count is cleared and the address gets its attempt back (a
 * dealership signing in all day behind one address is not an attack).
 */
export async function releaseAfterSuccess(
  db: Kysely<Database>,
  keys: readonly string[],
): Promise<void> {
  for (const key of keys) {
    if (key.startsWith('account:')) {
      await db.deleteFrom('signin_throttle').where('key', '=', key).execute();
    } else {
      await db
        .updateTable('signin_throttle')
        .set((eb) => ({ failures: eb('failures', '-', 1) }))
        .where('key', '=', key)
        .where('failures', '>', 0)
        .execute();
    }
  }
}
