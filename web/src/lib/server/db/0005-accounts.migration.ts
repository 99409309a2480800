import type { Kysely, Migration } from 'kysely';
import type { Engine } from './schema.js';

/** Tables of sign-up, access codes, sessions, sign-in limits, OpenID Connect identities. */
export function accountsMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // Same DDL on both engines; `engine` is kept for the signature every migration shares.
      void engine;
      // Sessions move to `account_sessions` (idle and absolute timeouts, re-authentication,
      // public id): the first table had none of these; open sessions simply sign in again.
      await db.schema.dropTable('sessions').ifExists().execute();
      await db.schema
        .createTable('account_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_activity_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('idle_minutes', 'integer', (c) => c.notNull())
        .addColumn('reauthenticated_at', 'text')
        .addColumn('auth_method', 'text', (c) => c.notNull())
        .addColumn('client_address', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('account_sessions_account')
        .on('account_sessions')
        .column('account_id')
        .execute();
      await db.schema
        .createTable('account_people')
        .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
        .addColumn('driver_licence', 'text', (c) => c.notNull().unique())
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('account_activations')
        .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id'))
        .addColumn('activated_at', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('client_address', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('account_identities')
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('linked_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('account_identities_pk', ['issuer', 'subject'])
        .execute();
      await db.schema
        .createTable('access_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code_hash', 'text', (c) => c.notNull().unique())
        .addColumn('dealer_id', 'text', (c) => c.notNull().references('dealers.id'))
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('driver_licence', 'text', (c) => c.notNull())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('used_by', 'text')
        .execute();
      await db.schema
        .createTable('signin_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('window_started_at', 'text', (c) => c.notNull())
        .addColumn('blocked_until', 'text')
        .execute();
      await db.schema
        .createTable('oidc_flows')
        .addColumn('state', 'text', (c) => c.primaryKey())
        .addColumn('code_verifier', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('browser_binding', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text')
        .addColumn('return_to', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
