import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type Kysely as KyselyType,
  type SqliteDatabase as SqliteDialectDatabase,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { logger } from '../log/logger.js';
import { migrationProvider } from './migrations.js';
import { sequenceName } from './sequences.js';
import type { Database, Engine } from './schema.js';

/*
 * Every difference between SQLite and PostgreSQL lives in this file: how to open, how a
 * write transaction starts, how rows are locked, and how document numbers are drawn.
 */

/** The storage engine in use. */
export type { Engine } from './schema.js';

/** A query executor bound to one connection inside a write transaction. */
export type Tx = KyselyType<Database> | Transaction<Database>;

/** An open database with the few engine-specific operations the services need. */
export interface Storage {
  engine: Engine;
  /**
   * True when a failed statement aborts the whole transaction (PostgreSQL), so that only a
   * savepoint lets the transaction go on; SQLite keeps the transaction usable.
   */
  isAbortedByFailedStatement: boolean;
  db: Kysely<Database>;
  /**
   * Runs `work` in one write transaction on one connection and commits once. On SQLite the
   * transaction starts IMMEDIATE (takes the write lock at once, so a check followed by an
   * insert cannot interleave with another process); on PostgreSQL callers lock rows.
   */
  writeTransaction<T>(work: (tx: Tx) => Promise<T>, options?: { deferred?: boolean }): Promise<T>;
  /** Locks licence rows (in sorted order, so concurrent batches cannot deadlock). */
  lockLicences(tx: Tx, licences: readonly string[]): Promise<void>;
  /** Takes named advisory locks (e.g. `vin:<VIN>` for limits across licences), sorted; no-op on SQLite. */
  lockKeys(tx: Tx, keys: readonly string[]): Promise<void>;
  /** The next value of a document number series. */
  nextNumber(tx: Tx, series: string): Promise<number>;
  /**
   * Document numbers for one push batch (see {@link BatchNumbers}): on SQLite counted in
   * memory and written once; on PostgreSQL drawn from the sequences as they come.
   */
  /**
   * A batch's number draws. `expected` is how many numbers of each series the batch may draw
   * at most (from its commands' specs): PostgreSQL reserves them in one round trip.
   */
  batchNumbers(tx: Tx, expected?: ReadonlyMap<string, number>): BatchNumbers;
  close(): Promise<void>;
}

/** A batch's document number draws, undoable per command like a savepoint. */
export interface BatchNumbers {
  next(series: string): Promise<number>;
  /** A restore point: the returned function gives back the numbers drawn since. */
  checkpoint(): () => void;
  /** Writes what was counted in memory; inside the transaction, before its commit. */
  flush(): Promise<void>;
}

// PostgreSQL returns int8 (bigserial, count(*)) as strings; our values fit in a double.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

/** Opens the database of the configuration and runs the migrations. */
export async function openStorage(options: {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** PostgreSQL connections of this process (default 10). */
  dbPoolSize?: number | undefined;
}): Promise<Storage> {
  const storage = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.dbPoolSize ?? 10)
    : openSqlite(options.dataDir);
  await migrate(storage);
  return storage;
}

async function migrate(storage: Storage): Promise<void> {
  const migrator = new Migrator({
    db: storage.db,
    provider: migrationProvider(storage.engine),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/**
 * Kysely prepares every query anew; the same few statements run for every command of a push,
 * so keep the prepared ones (bounded: a runaway set of distinct queries just resets it).
 */
function withStatementCache(file: SqliteDatabase.Database): SqliteDialectDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => file.close(),
    prepare(text) {
      let statement = cache.get(text);
      if (!statement) {
        if (cache.size >= 500) cache.clear();
        statement = file.prepare(text);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

/**
 * The data directory, for this process's user alone (0700; an existing one is tightened), and
 * the database file created 0600 before SQLite opens it: its WAL and shared-memory files take
 * the database's permissions.
 */
export function prepareDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
}

function openSqlite(dataDir: string): Storage {
  prepareDataDir(dataDir);
  const path = join(dataDir, 'comptoir.sqlite');
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  const file = new SqliteDatabase(path);
  file.pragma('journal_mode = WAL');
  // Durability before throughput: a push is acknowledged only once it is on disk.
  file.pragma('synchronous = FULL');
  file.pragma('busy_timeout = 10000');
  file.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(file) }),
  });
  return {
    engine: 'sqlite',
    isAbortedByFailedStatement: false,
    db,
    async writeTransaction(work, opts) {
      // One connection, held for the whole transaction (Kysely's SQLite driver serializes
      // connection use inside the process; IMMEDIATE serializes across processes).
      return db.connection().execute(async (conn) => {
        await sql.raw(opts?.deferred ? 'begin' : 'begin immediate').execute(conn);
        try {
          const result = await work(conn);
          await sql.raw('commit').execute(conn);
          return result;
        } catch (error) {
          await sql.raw('rollback').execute(conn);
          throw error;
        }
      });
    },
    async lockLicences() {
      // The IMMEDIATE transaction already holds the database's single write lock.
    },
    async lockKeys() {},
    async nextNumber(tx, series) {
      const row = await tx
        .insertInto('number_counters')
        .values({ series, last_value: 1 })
        .onConflict((oc) =>
          oc.column('series').doUpdateSet({ last_value: sql`number_counters.last_value + 1` }),
        )
        .returning('last_value')
        .executeTakeFirstOrThrow();
      return row.last_value;
    },
    batchNumbers(tx) {
      // The batch holds SQLite's single write lock: nobody else can draw until it commits, so
      // the counters are read once, counted here and written once (no gaps, as before).
      let last = new Map<string, number>();
      return {
        async next(series) {
          let value = last.get(series);
          if (value === undefined) {
            const row = await tx
              .selectFrom('number_counters')
              .select('last_value')
              .where('series', '=', series)
              .executeTakeFirst();
            value = row?.last_value ?? 0;
          }
          last.set(series, value + 1);
          return value + 1;
        },
        checkpoint() {
          const saved = new Map(last);
          return () => {
            last = saved;
          };
        },
        async flush() {
          for (const [series, value] of last) {
            await tx
              .insertInto('number_counters')
              .values({ series, last_value: value })
              .onConflict((oc) => oc.column('series').doUpdateSet({ last_value: value }))
              .execute();
          }
        },
      };
    },
    async close() {
      await db.destroy();
    },
  };
}

function openPostgres(url: string, poolSize: number): Storage {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server ends (a PostgreSQL restart, a dropped test database) emits
  // 'error' on the pool; unhandled, it would end the process. The pool replaces the client.
  pool.on('error', (error) => {
    logger.warn({ code: (error as { code?: unknown }).code }, 'idle database connection ended');
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    isAbortedByFailedStatement: true,
    db,
    async writeTransaction(work) {
      return db.connection().execute(async (conn) => {
        await sql.raw('begin').execute(conn);
        try {
          const result = await work(conn);
          await sql.raw('commit').execute(conn);
          return result;
        } catch (error) {
          await sql.raw('rollback').execute(conn);
          throw error;
        }
      });
    },
    async lockLicences(tx, licences) {
      const sorted = [...new Set(licences)].sort();
      if (sorted.length === 0) return;
      // One statement with ORDER BY takes the row locks in that order.
      await sql`select number from licences where number in (${sql.join(sorted)}) order by number for update`.execute(
        tx,
      );
    },
    async lockKeys(tx, keys) {
      const sorted = [...new Set(keys)].sort();
      if (sorted.length === 0) return;
      // Transaction-scoped advisory locks (a vehicle has no row of its own to lock), taken in
      // one round trip: the subquery hands the keys over in sorted order, one lock per row.
      await sql`select pg_advisory_xact_lock(hashtextextended(k.key, 0)) from (select unnest(${sorted}::text[]) as key order by 1) as k`.execute(
        tx,
      );
    },
    async nextNumber(tx, series) {
      // A sequence never blocks concurrent batches; numbers are unique and increasing,
      // with gaps when a command rolls back (as for any official numbering from a sequence).
      const result = await sql<{
        value: number;
      }>`select nextval(${sequenceName(series)}) as value`.execute(tx);
      const value = result.rows[0]?.value;
      if (value === undefined) throw new Error(`sequence ${series} returned nothing`);
      return Number(value);
    },
    batchNumbers(tx, expected) {
      // Sequences never block concurrent batches. The numbers a batch may need are reserved in
      // one round trip when it draws the first; a reserved number it does not use (a command
      // rejected, rolled back) is a gap, as with any draw from a sequence.
      const reserved = new Map<string, number[]>();
      const drawn = new Map<string, number>();
      return {
        async next(series) {
          const count = (drawn.get(series) ?? 0) + 1;
          drawn.set(series, count);
          let pool = reserved.get(series);
          if (!pool || pool.length === 0) {
            const wanted = Math.max(1, (expected?.get(series) ?? 0) - count + 1);
            const result = await sql<{
              value: number;
            }>`select nextval(${sequenceName(series)}) as value from generate_series(1, ${wanted}) order by 1`.execute(
              tx,
            );
            pool = result.rows.map((row) => Number(row.value));
            reserved.set(series, pool);
          }
          const value = pool.shift();
          if (value === undefined) throw new Error(`sequence ${series} returned nothing`);
          return value;
        },
        checkpoint: () => () => {},
        flush: () => Promise.resolve(),
      };
    },
    async close() {
      await db.destroy();
    },
  };
}
