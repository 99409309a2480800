import { sql } from 'kysely';
import { REGISTRATION_NUMBER_SERIES } from '../db/0003-registrations.migration.js';
import type { Storage, Tx } from '../db/engine.js';
import { NUMBER_SERIES } from '../db/migrations.js';
import { sequenceName } from '../db/sequences.js';
import { jumpPlateSeries } from '../registry/plates.repo.js';

/** Every number series the registry draws from (documents and transactions). */
export const ALL_NUMBER_SERIES: readonly string[] = [
  ...NUMBER_SERIES,
  ...REGISTRATION_NUMBER_SERIES,
];

/**
 * Moves every counter that ends up on paper or in a kiosk's cursor `gap` ahead, inside the
 * restore's transaction: document and transaction numbers (the counters on SQLite, the
 * sequences on PostgreSQL: this is the one engine difference outside `db/engine.ts`, kept here
 * because only a restore ever moves a sequence by hand), plate series and the per-licence
 * change counters.
 */
export async function jumpCounters(storage: Storage, tx: Tx, gap: number): Promise<void> {
  const existing = await tx.selectFrom('number_counters').select('series').execute();
  const series = new Set([...ALL_NUMBER_SERIES, ...existing.map((row) => row.series)]);
  for (const name of series) {
    await tx
      .insertInto('number_counters')
      .values({ series: name, last_value: gap })
      .onConflict((oc) =>
        oc.column('series').doUpdateSet({ last_value: sql`number_counters.last_value + ${gap}` }),
      )
      .execute();
    if (storage.engine === 'postgres') {
      // last_value is null until the first nextval: such a sequence starts at gap + 1.
      await sql`select setval(${sequenceName(name)}, coalesce((select last_value from pg_sequences where schemaname = current_schema() and sequencename = ${sequenceName(name)}), 0) + ${gap})`.execute(
        tx,
      );
    }
  }
  await jumpPlateSeries(tx, gap);
  // Offline blocks handed out after the backup was taken must never be handed out again.
  await tx
    .updateTable('offline_number_counters')
    .set((eb) => ({ last_value: eb('last_value', '+', gap) }))
    .execute();
  await tx
    .updateTable('licences')
    .set((eb) => ({ change_seq: eb('change_seq', '+', gap) }))
    .execute();
  // Print agents keep each dealer's feed at the sequence they last saw: after a restore the
  // next feed must still be newer than that, or the voids it carries would be refused.
  await tx
    .updateTable('revocation_sequences')
    .set((eb) => ({ sequence: eb('sequence', '+', gap) }))
    .execute();
}

/** The highest value drawn so far in each series (for tests and the restore's report). */
export async function lastNumbers(storage: Storage, tx: Tx): Promise<Map<string, number>> {
  const values = new Map<string, number>();
  for (const name of ALL_NUMBER_SERIES) {
    if (storage.engine === 'postgres') {
      const result = await sql<{
        value: number | null;
      }>`select last_value as value from pg_sequences where schemaname = current_schema() and sequencename = ${sequenceName(name)}`.execute(
        tx,
      );
      values.set(name, Number(result.rows[0]?.value ?? 0));
    } else {
      const row = await tx
        .selectFrom('number_counters')
        .select('last_value')
        .where('series', '=', name)
        .executeTakeFirst();
      values.set(name, row?.last_value ?? 0);
    }
  }
  return values;
}
