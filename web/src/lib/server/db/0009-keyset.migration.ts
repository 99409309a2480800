import type { Kysely, Migration } from 'kysely';

/**
 * The registry's one keyset (signing keys shared by every process, private halves sealed) and
 * the check values of its secrets; and the unique index that makes "a command issues each kind
 * of document once" the database's rule, not only the code's.
 */
export const keysetMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('signing_keys')
      .addColumn('kid', 'text', (c) => c.primaryKey())
      .addColumn('generation', 'integer', (c) => c.notNull().unique())
      .addColumn('public_jwk', 'text', (c) => c.notNull())
      .addColumn('private_cipher', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_reason', 'text')
      .execute();
    await db.schema
      .createTable('registry_checks')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // A registration confirmation issues three documents, each of its own kind: the pair is
    // what exists once.
    await db.schema
      .createIndex('documents_command_kind')
      .on('documents')
      .columns(['command_id', 'kind'])
      .unique()
      .execute();
  },
};
