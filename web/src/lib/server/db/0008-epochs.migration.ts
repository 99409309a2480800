import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The registry's epochs (docs/sync.md#epochs-after-a-restore): epoch 1 is the database's
 * first life; each restore from a backup starts the next one, so kiosks learn that the server
 * forgot what it applied after the backup and send it again.
 */
export const epochsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('server_epochs')
      .addColumn('epoch', 'integer', (c) => c.primaryKey())
      .addColumn('started_at', 'text', (c) => c.notNull())
      // Null for epoch 1; else when the backup this epoch was restored from was taken.
      .addColumn('backup_taken_at', 'text')
      // How far every counter jumped at the restore (numbers, plates, change counters).
      .addColumn('gap', 'integer', (c) => c.notNull())
      .execute();
    await sql`insert into server_epochs (epoch, started_at, backup_taken_at, gap) values (1, ${new Date().toISOString()}, null, 0)`.execute(
      db,
    );
  },
};
