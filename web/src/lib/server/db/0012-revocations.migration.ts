import type { Kysely, Migration } from 'kysely';

/**
 * The per-dealer counter of the signed revocation feed (docs/printing.md#revocation-feed).
 * No row until the dealer's first void; the feed's list itself is read from `documents`.
 */
export const revocationsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('revocation_sequences')
      .addColumn('dealer_id', 'text', (c) => c.primaryKey().references('dealers.id'))
      .addColumn('sequence', 'integer', (c) => c.notNull())
      .execute();
    // The feed lists a dealer's voided documents: the status is what it filters on first.
    await db.schema
      .createIndex('documents_status_licence')
      .on('documents')
      .columns(['status', 'licence'])
      .execute();
  },
};
