import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The two engines every server test runs against. */
export const ENGINES = ['sqlite', 'postgres'] as const;
/** A storage engine under test. */
export type EngineName = (typeof ENGINES)[number];

/**
 * A test environment variable, or a loud failure: these tests never skip silently when the
 * real PostgreSQL (or anything else) is missing.
 */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run the tests through \`npm test\` (scripts/test-env.mjs starts ` +
        `PostgreSQL and exports it), or set it yourself, e.g. ` +
        `COMPTOIR_TEST_PG_URL=postgres://postgres@127.0.0.1:5433/postgres`,
    );
  }
  return value;
}

/** A throwaway PostgreSQL database, created from the admin URL and dropped after. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates a database with a unique name on the test PostgreSQL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = requireEnv('COMPTOIR_TEST_PG_URL');
  const name = `comptoir_t_${String(process.pid)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
