import type { Kysely, Migration } from 'kysely';
import type { Engine } from './schema.js';

/** Caps and addresses on licences; over-cap requests, voids, plate-X orders. */
export function staffMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // The same DDL on both engines: nothing here depends on `engine`.
      void engine;
      await db.schema.alterTable('licences').addColumn('plate_cap', 'integer').execute();
      await db.schema.alterTable('licences').addColumn('address_json', 'text').execute();
      await db.schema
        .createTable('cap_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('licence', 'text', (c) => c.notNull().references('licences.number'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('extra_units', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decision_reason', 'text')
        .addColumn('granted_until', 'text')
        .execute();
      // The cap reads the grants in force of one licence and kind; staff list by status.
      await db.schema
        .createIndex('cap_requests_licence_kind_status')
        .on('cap_requests')
        .columns(['licence', 'kind', 'status', 'granted_until'])
        .execute();
      await db.schema
        .createIndex('cap_requests_status_requested')
        .on('cap_requests')
        .columns(['status', 'requested_at'])
        .execute();
      await db.schema
        .createTable('document_voids')
        .addColumn('document_number', 'text', (c) => c.primaryKey().references('documents.number'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('voided_by', 'text', (c) => c.notNull())
        .addColumn('voided_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('plate_x_orders')
        .addColumn('command_id', 'text', (c) => c.primaryKey())
        .addColumn('licence', 'text', (c) => c.notNull().references('licences.number'))
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('plate_numbers_json', 'text', (c) => c.notNull())
        .addColumn('delivery_address_json', 'text', (c) => c.notNull())
        .addColumn('ordered_by', 'text', (c) => c.notNull())
        .addColumn('ordered_at', 'text', (c) => c.notNull())
        .execute();
      // The audit log is read by staff filtered by licence, actor or event, newest first.
      await db.schema
        .createIndex('audit_log_licence_id')
        .on('audit_log')
        .columns(['licence', 'id'])
        .execute();
      await db.schema
        .createIndex('audit_log_actor_id')
        .on('audit_log')
        .columns(['actor', 'id'])
        .execute();
    },
  };
}
