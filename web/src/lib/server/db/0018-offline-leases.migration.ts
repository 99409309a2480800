import type { Kysely, Migration } from 'kysely';

/**
 * Offline issuance (docs/sync.md#offline-issuance-leases-the-chain-reconcile): the counters of
 * the offline number series, the leases the server signed, and the offline papers it received.
 */
export const offlineLeasesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    // One row per series and local year: a lease's block is one upsert-increment of its row
    // (locked until the commit on PostgreSQL), so blocks are contiguous and never overlap.
    await db.schema
      .createTable('offline_number_counters')
      .addColumn('series', 'text', (c) => c.notNull())
      .addColumn('year', 'text', (c) => c.notNull())
      .addColumn('last_value', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('offline_number_counters_pk', ['series', 'year'])
      .execute();
    await db.schema
      .createTable('offline_leases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kiosk_id', 'text', (c) => c.notNull().references('kiosks.id'))
      .addColumn('dealer_id', 'text', (c) => c.notNull().references('dealers.id'))
      .addColumn('licence', 'text', (c) => c.notNull().references('licences.number'))
      .addColumn('key_thumbprint', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('blocks_json', 'text', (c) => c.notNull())
      .addColumn('transit_cap', 'integer', (c) => c.notNull())
      .addColumn('atac_cap', 'integer', (c) => c.notNull())
      .addColumn('jws', 'text', (c) => c.notNull())
      .addColumn('retired_at', 'text')
      .addColumn('retired_transit_used', 'integer')
      .addColumn('retired_atac_used', 'integer')
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_by', 'text')
      .addColumn('revoked_reason', 'text')
      .execute();
    await db.schema
      .createIndex('offline_leases_licence_expires')
      .on('offline_leases')
      .columns(['licence', 'expires_at'])
      .execute();
    await db.schema
      .createIndex('offline_leases_dealer_issued')
      .on('offline_leases')
      .columns(['dealer_id', 'issued_at'])
      .execute();
    // Each block of each lease, so that a verifier finds the lease of an offline number in
    // one indexed lookup (a paper scanned before the kiosk synchronised).
    await db.schema
      .createTable('offline_blocks')
      .addColumn('series', 'text', (c) => c.notNull())
      .addColumn('year', 'text', (c) => c.notNull())
      .addColumn('first_value', 'integer', (c) => c.notNull())
      .addColumn('last_value', 'integer', (c) => c.notNull())
      .addColumn('lease_id', 'text', (c) => c.notNull().references('offline_leases.id'))
      .addPrimaryKeyConstraint('offline_blocks_pk', ['series', 'year', 'first_value'])
      .execute();
    // Every offline paper received, reconciled or flagged: "a number only once" and the
    // lease's used count. `content_hash` tells a replay (same paper) from a second paper.
    await db.schema
      .createTable('offline_papers')
      .addColumn('number', 'text', (c) => c.primaryKey())
      .addColumn('lease_id', 'text', (c) => c.notNull().references('offline_leases.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('command_id', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('offline_papers_lease')
      .on('offline_papers')
      .columns(['lease_id', 'kind'])
      .execute();
  },
};
