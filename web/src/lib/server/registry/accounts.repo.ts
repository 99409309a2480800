import type { Tx } from '../db/engine.js';

/*
 * Reads of accounts outside sign-in and sessions (those live in accounts/ with their rules).
 */

/** The id of the account with this exact username, or undefined when there is none. */
export async function findAccountIdByUsername(
  tx: Tx,
  username: string,
): Promise<string | undefined> {
  const row = await tx
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  return row?.id;
}
