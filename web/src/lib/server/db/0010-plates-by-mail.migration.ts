import type { Kysely, Migration } from 'kysely';
import type { Engine } from './schema.js';

/**
 * Plates by mail: the plate orders, the supplier's events (replay refusal), the server's
 * outbox (supplier calls, e-mails) and the accounts' e-mail contacts.
 */
export function platesByMailMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('plate_orders')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('registration_number', 'text', (c) => c.notNull())
        .addColumn('licence', 'text', (c) => c.notNull().references('licences.number'))
        .addColumn('plate_number', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('refusal_reason', 'text')
        .addColumn('tracking_number', 'text')
        .addColumn('confirmed_at', 'text', (c) => c.notNull())
        .addColumn('provisional_expires_at', 'text', (c) => c.notNull())
        .addColumn('cancel_requested_at', 'text')
        .addColumn('client_email', 'text')
        .addColumn('client_language', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('plate_orders_registration')
        .on('plate_orders')
        .column('registration_number')
        .execute();
      await db.schema
        .createIndex('plate_orders_licence_state')
        .on('plate_orders')
        .columns(['licence', 'state'])
        .execute();
      await db.schema
        .createTable('plate_supplier_events')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('server_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('payload_json', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('lease_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('done_at', 'text')
        .addColumn('outcome', 'text')
        .execute();
      await db.schema
        .createIndex('server_outbox_due')
        .on('server_outbox')
        .columns(['done_at', 'next_attempt_at'])
        .execute();
      await db.schema
        .createTable('account_contacts')
        .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Same DDL on both engines; `engine` is kept for a later dialect difference.
      void engine;
    },
  };
}
