import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** Online sign-ins of these accounts on one kiosk since an instant (the offline window). */
export async function kioskSignInsSince(
  db: Kysely<Database>,
  kioskId: string,
  accountIds: readonly string[],
  since: Date,
): Promise<{ accountId: string; signedInAt: Date }[]> {
  const rows = await db
    .selectFrom('kiosk_sign_ins')
    .select(['account_id', 'signed_in_at'])
    .where('kiosk_id', '=', kioskId)
    .where('account_id', 'in', accountIds)
    .where('signed_in_at', '>=', since.toISOString())
    .execute();
  return rows.map((row) => ({ accountId: row.account_id, signedInAt: new Date(row.signed_in_at) }));
}
