import type { Kysely, Migration } from 'kysely';
import type { Engine } from './schema.js';

/**
 * Tables of enrolled kiosks, their device credentials, the sign-ins made on them (the push
 * accepts a command only from an actor who signed in on that kiosk within the offline window)
 * and the operators of generic accounts.
 */
export function kiosksMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('kiosks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('dealer_id', 'text', (c) => c.notNull().references('dealers.id'))
        .addColumn('licence', 'text', (c) => c.notNull().references('licences.number'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('credential_hash', 'text', (c) => c.notNull())
        .addColumn('enrolled_by', 'text', (c) => c.notNull())
        .addColumn('enrolled_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('kiosks_dealer').on('kiosks').column('dealer_id').execute();
      await db.schema
        .createTable('kiosk_sign_ins')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kiosk_id', 'text', (c) => c.notNull().references('kiosks.id'))
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('signed_in_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('kiosk_sign_ins_lookup')
        .on('kiosk_sign_ins')
        .columns(['kiosk_id', 'account_id', 'signed_in_at'])
        .execute();
      await db.schema
        .createTable('operators')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('dealer_id', 'text', (c) => c.notNull().references('dealers.id'))
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('pin_hash', 'text', (c) => c.notNull())
        // The PIN encrypted with the server's secret key: each kiosk gets its own salted
        // verifier derived from it, so a verifier copied from one kiosk fits no other.
        .addColumn('pin_cipher', 'text', (c) => c.notNull())
        .addColumn('is_disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('operators_dealer').on('operators').column('dealer_id').execute();
      // Same DDL on both engines; `engine` is kept for a later dialect difference.
      void engine;
    },
  };
}
