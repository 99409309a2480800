import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerContext, type ServerContext } from '../context.js';
import { seedDemoData } from '../demo/index.js';
import { createTestDatabase, type EngineName, type TestDatabase } from './test-env.js';

/** A clock the test moves by hand. */
export interface TestClock {
  now: () => Date;
  set(instant: Date | string): void;
  advance(ms: number): void;
}

/** A clock starting at `start`. */
export function createTestClock(start: Date | string = '2026-03-10T15:00:00.000Z'): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set(instant) {
      current = new Date(instant).getTime();
    },
    advance(ms) {
      current += ms;
    },
  };
}

/** An in-process server context on a fresh database of the given engine. */
export interface TestServer {
  engine: EngineName;
  ctx: ServerContext;
  clock: TestClock;
  dataDir: string;
  /** The PostgreSQL database's URL (undefined on SQLite). */
  databaseUrl: string | undefined;
  dispose(): Promise<void>;
}

/** Builds a server context on a fresh SQLite file or PostgreSQL database (demo data seeded). */
export async function createTestServer(
  engine: EngineName,
  options: { demo?: boolean; faults?: string; clock?: TestClock } = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-test-'));
  let database: TestDatabase | undefined;
  if (engine === 'postgres') database = await createTestDatabase();
  const clock = options.clock ?? createTestClock();
  const ctx = await createServerContext(
    {
      dataDir,
      databaseUrl: database?.url,
      isDemo: options.demo ?? true,
      origin: 'http://127.0.0.1:3000',
      faults: options.faults,
      trustProxy: false,
      // PostgreSQL may be shared by processes: its secret must be given (never the data dir's).
      ...(database && { secretKey: { fromEnv: randomBytes(32).toString('base64url') } }),
    },
    { clock: clock.now },
  );
  if (options.demo ?? true) await seedDemoData(ctx);
  return {
    engine,
    ctx,
    clock,
    dataDir,
    databaseUrl: database?.url,
    async dispose() {
      ctx.signer.close();
      await ctx.storage.close();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
