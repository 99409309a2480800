import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from './schema.js';
import { sequenceName } from './sequences.js';

/**
 * Number series of this group (see `seriesOf` in documents.service.ts and the transaction
 * numbers of registration.service.ts / inventory.service.ts); each needs a PostgreSQL sequence.
 */
export const REGISTRATION_NUMBER_SERIES = ['R', 'E', 'PP', 'CI', 'PS', 'PR', 'PA'] as const;

/** Tables of registrations on hold, confirmed and cancelled, inventory records, bank debits. */
export function registrationsMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('registrations')
        .addColumn('number', 'text', (c) => c.primaryKey())
        .addColumn('licence', 'text', (c) => c.notNull().references('licences.number'))
        .addColumn('dealer_id', 'text', (c) => c.notNull().references('dealers.id'))
        .addColumn('vin', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('request_json', 'text', (c) => c.notNull())
        .addColumn('hold_command_id', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('confirm_command_id', 'text')
        .addColumn('confirmed_by', 'text')
        .addColumn('confirmed_at', 'text')
        .addColumn('plate_number', 'text', (c) => c.unique())
        .addColumn('fees_cents', 'integer')
        .addColumn('registry_change_json', 'text')
        .addColumn('cancel_command_id', 'text')
        .addColumn('cancelled_by', 'text')
        .addColumn('cancelled_at', 'text')
        .addColumn('cancel_reason_code', 'text')
        .addColumn('cancel_reason_text', 'text')
        .execute();
      await db.schema
        .createIndex('registrations_licence_created')
        .on('registrations')
        .columns(['licence', 'created_at'])
        .execute();
      await db.schema
        .createIndex('registrations_vin')
        .on('registrations')
        .columns(['vin', 'status'])
        .execute();
      await db.schema
        .createTable('registration_holds')
        .addColumn('command_id', 'text', (c) => c.primaryKey())
        .addColumn('registration_number', 'text', (c) =>
          c.notNull().references('registrations.number'),
        )
        .execute();
      await db.schema
        .createTable('inventory_records')
        .addColumn('number', 'text', (c) => c.primaryKey())
        .addColumn('licence', 'text', (c) => c.notNull().references('licences.number'))
        .addColumn('dealer_id', 'text', (c) => c.notNull().references('dealers.id'))
        .addColumn('vin', 'text', (c) => c.notNull())
        .addColumn('command_id', 'text', (c) => c.notNull().unique())
        .addColumn('acquired_on', 'text', (c) => c.notNull())
        .addColumn('record_json', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('inventory_records_licence_vin')
        .on('inventory_records')
        .columns(['licence', 'vin'])
        .execute();
      await db.schema
        .createTable('bank_debits')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('dealer_id', 'text', (c) => c.notNull().references('dealers.id'))
        .addColumn('licence', 'text', (c) => c.notNull())
        .addColumn('transaction_number', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        // One debit and at most one credit per transaction, whatever retries happen.
        .addUniqueConstraint('bank_debits_transaction_direction', [
          'transaction_number',
          'direction',
        ])
        .execute();
      if (engine === 'postgres') {
        for (const series of REGISTRATION_NUMBER_SERIES) {
          await sql`create sequence if not exists ${sql.id(sequenceName(series))}`.execute(db);
        }
      }
    },
  };
}
