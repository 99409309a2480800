import { operatorNameKey } from '@comptoir/shared';
import { sql, type Kysely, type Migration } from 'kysely';

/** What the migration reads of an operator. */
export interface OperatorNameRow {
  id: string;
  dealer_id: string;
  display_name: string;
  is_disabled: number;
}

/**
 * The rows (oldest first) with the later of two same enabled names of one dealer suffixed
 * " (2)", " (3)"...: the first keeps the name. Disabled rows keep theirs (they hold nothing).
 */
export function withDistinctEnabledNames<T extends OperatorNameRow>(rows: readonly T[]): T[] {
  const taken = new Set<string>();
  const keyOf = (row: T, name: string) => `${row.dealer_id}:${operatorNameKey(name)}`;
  return rows.map((row) => {
    if (row.is_disabled !== 0) return row;
    let displayName = row.display_name;
    for (let n = 2; taken.has(keyOf(row, displayName)); n += 1) {
      displayName = `${row.display_name} (${String(n)})`;
    }
    taken.add(keyOf(row, displayName));
    return { ...row, display_name: displayName };
  });
}

/**
 * One name and one PIN per person among a dealer's enabled operators: a second "Julie Roy",
 * or a PIN that already unlocks someone else, let one person work in another's name.
 *
 * `name_key` is the name without case, accents or extra spaces (`operatorNameKey`);
 * `pin_key` a keyed HMAC of the dealer and the PIN (`operatorPinKey`), so the database can
 * hold the PIN unique without holding it in clear. Both are unique among enabled operators
 * (partial indexes, the same DDL on SQLite and PostgreSQL): a disabled operator keeps nothing
 * from another person.
 *
 * Existing duplicate names among enabled operators: the first (by creation) keeps the name,
 * the others get " (2)", " (3)"... added, which their administrator sees and may change. The
 * PIN key needs the server's secret key, which migrations do not hold: it is filled at start
 * (`fillOperatorPinKeys`), where an enabled operator whose PIN repeats an earlier one's is
 * disabled until an administrator gives them a new PIN.
 */
export const operatorUniquenessMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('operators').addColumn('name_key', 'text').execute();
    await db.schema.alterTable('operators').addColumn('pin_key', 'text').execute();
    const { rows } = await sql<OperatorNameRow>`
      select id, dealer_id, display_name, is_disabled from operators order by created_at, id
    `.execute(db);
    for (const row of withDistinctEnabledNames(rows)) {
      await sql`
        update operators
        set display_name = ${row.display_name}, name_key = ${operatorNameKey(row.display_name)}
        where id = ${row.id}
      `.execute(db);
    }
    await db.schema
      .createIndex('operators_dealer_name_unique')
      .on('operators')
      .columns(['dealer_id', 'name_key'])
      .unique()
      .where(sql.ref('is_disabled'), '=', 0)
      .execute();
    await db.schema
      .createIndex('operators_dealer_pin_unique')
      .on('operators')
      .columns(['dealer_id', 'pin_key'])
      .unique()
      .where(sql.ref('is_disabled'), '=', 0)
      .execute();
  },
};
