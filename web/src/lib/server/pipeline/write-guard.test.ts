import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectWriteAttempt, WriteGuard } from './write-guard.js';

interface Tables {
  notes: { id: number; text: string };
}

let db: Kysely<Tables>;
let guard: WriteGuard;
let guarded: Kysely<Tables>;

beforeEach(async () => {
  db = new Kysely<Tables>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }),
  });
  await sql`create table notes (id integer primary key, text text not null)`.execute(db);
  await db.insertInto('notes').values({ id: 1, text: 'kept' }).execute();
  guard = new WriteGuard();
  guarded = db.withPlugin(guard);
});

afterEach(async () => {
  await db.destroy();
});

describe('write guard', () => {
  it('lets reads through while on', async () => {
    guard.isOn = true;
    expect(await guarded.selectFrom('notes').select('text').execute()).toEqual([{ text: 'kept' }]);
    const raw = await sql<{ n: number }>`select count(*) as n from notes`.execute(guarded);
    expect(raw.rows).toEqual([{ n: 1 }]);
  });

  it('stops every kind of write before it reaches the database', async () => {
    guard.isOn = true;
    const attempts = [
      () => guarded.insertInto('notes').values({ id: 2, text: 'new' }).execute(),
      () => guarded.updateTable('notes').set({ text: 'changed' }).execute(),
      () => guarded.deleteFrom('notes').execute(),
      () => sql`update notes set text = 'raw'`.execute(guarded),
      // A CTE may modify data: it counts as a write.
      () =>
        guarded
          .with('picked', (db) => db.selectFrom('notes').select('id'))
          .selectFrom('picked')
          .selectAll()
          .execute(),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toThrow(DirectWriteAttempt);
    expect(await db.selectFrom('notes').selectAll().execute()).toEqual([{ id: 1, text: 'kept' }]);
  });

  it('lets writes through when off', async () => {
    guard.isOn = false;
    await guarded.insertInto('notes').values({ id: 2, text: 'new' }).execute();
    expect(await db.selectFrom('notes').select('id').execute()).toHaveLength(2);
  });
});
