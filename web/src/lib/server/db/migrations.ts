import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { accountsMigration } from './0005-accounts.migration.js';
import { epochsMigration } from './0008-epochs.migration.js';
import { kiosksMigration } from './0006-kiosks.migration.js';
import { keysetMigration } from './0009-keyset.migration.js';
import { platesByMailMigration } from './0010-plates-by-mail.migration.js';
import { licenceJurisdictionsMigration } from './0014-licence-jurisdictions.migration.js';
import { registrationsMigration } from './0003-registrations.migration.js';
import { revocationsMigration } from './0012-revocations.migration.js';
import { offlineLeasesMigration } from './0018-offline-leases.migration.js';
import { staffMigration } from './0004-staff.migration.js';
import type { Engine } from './schema.js';
import { sequenceName } from './sequences.js';

/** Document number series; on PostgreSQL each has a sequence (see `nextDocumentNumber`). */
export const NUMBER_SERIES = ['ATAC', 'T'] as const;

function initialSchema(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('dealers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('neq', 'text', (c) => c.notNull().unique())
        .addColumn('permit', 'text')
        .addColumn('is_accredited', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('licences')
        .addColumn('number', 'text', (c) => c.primaryKey())
        .addColumn('dealer_id', 'text', (c) => c.notNull().references('dealers.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('is_suspended', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('transit_cap', 'integer')
        .addColumn('change_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('dealer_id', 'text', (c) => c.references('dealers.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('is_disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('account_licences')
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('licence', 'text', (c) => c.notNull().references('licences.number'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('account_licences_pk', ['account_id', 'licence'])
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('enterprises')
        .addColumn('neq', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('legal_form', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('enterprise_administrators')
        .addColumn('neq', 'text', (c) => c.notNull().references('enterprises.neq'))
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('driver_licence', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('enterprise_administrators_pk', ['neq', 'driver_licence'])
        .execute();
      await db.schema
        .createTable('registry_vehicles')
        .addColumn('vin', 'text', (c) => c.primaryKey())
        .addColumn('make', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('net_mass_kg', 'integer', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('colour', 'text')
        .execute();
      await db.schema
        .createTable('vehicle_ownerships')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('vin', 'text', (c) => c.notNull().references('registry_vehicles.vin'))
        .addColumn('owner_name', 'text', (c) => c.notNull())
        .addColumn('owner_driver_licence', 'text')
        .addColumn('from_date', 'text', (c) => c.notNull())
        .addColumn('to_date', 'text')
        .execute();
      await db.schema
        .createTable('registry_people')
        .addColumn('driver_licence', 'text', (c) => c.primaryKey())
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('date_of_birth', 'text', (c) => c.notNull())
        .addColumn('licence_status', 'text', (c) => c.notNull())
        .addColumn('is_registration_blocked', 'integer', (c) => c.notNull())
        .addColumn('block_reason', 'text')
        .execute();
      await db.schema
        .createTable('plate_series')
        .addColumn('series', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('next_value', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('fee_schedule')
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('vehicle_type', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('fee_schedule_pk', ['year', 'vehicle_type'])
        .execute();
      await db.schema
        .createTable('bank_accounts')
        .addColumn('dealer_id', 'text', (c) => c.primaryKey().references('dealers.id'))
        .addColumn('institution', 'text', (c) => c.notNull())
        .addColumn('branch_transit', 'text', (c) => c.notNull())
        .addColumn('account_last4', 'text', (c) => c.notNull())
        .addColumn('account_cipher', 'text', (c) => c.notNull())
        .addColumn('holder_name', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('documents')
        .addColumn('number', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('licence', 'text', (c) => c.notNull().references('licences.number'))
        .addColumn('vin', 'text', (c) => c.notNull())
        .addColumn('customer_key', 'text')
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('document_json', 'text', (c) => c.notNull())
        .addColumn('jws', 'text', (c) => c.notNull())
        .addColumn('qr_token', 'text', (c) => c.notNull())
        .addColumn('print_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('command_id', 'text', (c) => c.notNull())
        .addColumn('change_seq', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('documents_licence_seq')
        .on('documents')
        .columns(['licence', 'change_seq'])
        .execute();
      await db.schema
        .createIndex('documents_licence_kind_issued')
        .on('documents')
        .columns(['licence', 'kind', 'issued_at'])
        .execute();
      await db.schema
        .createIndex('documents_vin_kind')
        .on('documents')
        .columns(['vin', 'kind', 'issued_at'])
        .execute();
      await db.schema
        .createTable('print_outcomes')
        .addColumn('command_id', 'text', (c) => c.primaryKey())
        .addColumn('document_number', 'text', (c) => c.notNull().references('documents.number'))
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('printer', 'text', (c) => c.notNull())
        .addColumn('is_copy', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('idempotency')
        .addColumn('command_id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('body_hash', 'text', (c) => c.notNull())
        .addColumn('result_json', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('supersedes', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_chains')
        .addColumn('chain', 'text', (c) => c.primaryKey())
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        .addColumn('last_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', engine === 'postgres' ? 'bigserial' : 'integer', (c) =>
          engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('chain', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('actor', 'text')
        .addColumn('licence', 'text')
        .addColumn('subject', 'text')
        .addColumn('detail_json', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addUniqueConstraint('audit_log_chain_seq', ['chain', 'seq'])
        .execute();
      await db.schema
        .createTable('number_counters')
        .addColumn('series', 'text', (c) => c.primaryKey())
        .addColumn('last_value', 'integer', (c) => c.notNull())
        .execute();
      if (engine === 'postgres') {
        for (const series of NUMBER_SERIES) {
          await sql`create sequence if not exists ${sql.id(sequenceName(series))}`.execute(db);
        }
      }
    },
  };
}

/**
 * Indexes for the push's reads: a licence's documents counted per kind and window read from
 * the index alone (status included), and a print job's earlier outcomes.
 */
const pushIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('documents_licence_kind_issued_status')
      .on('documents')
      .columns(['licence', 'kind', 'issued_at', 'status'])
      .execute();
    await db.schema.dropIndex('documents_licence_kind_issued').execute();
    await db.schema
      .createIndex('print_outcomes_document_job')
      .on('print_outcomes')
      .columns(['document_number', 'job_id'])
      .execute();
  },
};

/** The one migration set, in code so the built server needs no migration files on disk. */
export function migrationProvider(engine: Engine): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve({
        '0001_initial': initialSchema(engine),
        '0002_push_indexes': pushIndexes,
        '0003_registrations': registrationsMigration(engine),
        '0004_staff': staffMigration(engine),
        '0005_accounts': accountsMigration(engine),
        '0006_kiosks': kiosksMigration(engine),
        '0008_epochs': epochsMigration,
        '0009_keyset': keysetMigration,
        '0010_plates_by_mail': platesByMailMigration(engine),
        '0012_revocations': revocationsMigration,
        '0014_licence_jurisdictions': licenceJurisdictionsMigration,
        '0018_offline_leases': offlineLeasesMigration,
      }),
  };
}
