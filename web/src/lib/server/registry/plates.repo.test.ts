import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDealerPlate, isPassengerPlate } from '@comptoir/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../db/engine.js';
import { ENGINES, createTestDatabase, type TestDatabase } from '../testing/test-env.js';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { allocatePlateNumbers } from './plates.repo.js';

describe.each(ENGINES)('plate allocation on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(engine);
  });
  afterAll(async () => {
    await server.dispose();
  });

  const allocate = (series: 'passenger' | 'dealer_x', count: number) =>
    server.ctx.storage.writeTransaction((tx) => allocatePlateNumbers(tx, series, count));

  it('hands out passenger plates in the A12 BCD format, consecutively', async () => {
    const first = await allocate('passenger', 3);
    const next = await allocate('passenger', 1);
    expect([...first, ...next].every(isPassengerPlate)).toBe(true);
    // The demo series starts at 1: digits turn fastest.
    expect(first).toEqual(['A01 AAA', 'A02 AAA', 'A03 AAA']);
    expect(next).toEqual(['A04 AAA']);
  });

  it('hands out dealer X plates from the demo series (X01234)', async () => {
    const plates = await allocate('dealer_x', 2);
    expect(plates).toEqual(['X01234', 'X01235']);
    expect(plates.every(isDealerPlate)).toBe(true);
  });

  it('gives the numbers back when the transaction rolls back', async () => {
    const before = await allocate('dealer_x', 1);
    await expect(
      server.ctx.storage.writeTransaction(async (tx) => {
        await allocatePlateNumbers(tx, 'dealer_x', 5);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const after = await allocate('dealer_x', 1);
    expect(Number(after[0]?.slice(1))).toBe(Number(before[0]?.slice(1)) + 1);
  });

  it('refuses a count that is not a positive integer', async () => {
    await expect(allocate('passenger', 0)).rejects.toThrow('positive count');
    await expect(allocate('passenger', 1.5)).rejects.toThrow('positive count');
  });
});

// PostgreSQL only: two better-sqlite3 connections in ONE process would block each other's
// thread on the write lock; SQLite's two-process case is in registration-race.test.ts.
describe.each(['postgres'] as const)(
  'plate allocation from two connection pools on %s',
  (engine) => {
    let dataDir: string;
    let database: TestDatabase | undefined;
    let storages: Storage[] = [];
    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'comptoir-plates-'));
      if (engine === 'postgres') database = await createTestDatabase();
      // Two storages on one database stand for two server processes (each its own pool);
      // no demo seed: the series row is created by the first allocation.
      const options = { dataDir, databaseUrl: database?.url };
      storages = [await openStorage(options)];
      storages.push(await openStorage(options));
    });
    afterAll(async () => {
      await Promise.all(storages.map((storage) => storage.close()));
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('never gives a number twice to concurrent transactions', { timeout: 60_000 }, async () => {
      const rounds = 15;
      const allocations = storages.flatMap((storage) =>
        Array.from({ length: rounds }, () =>
          storage.writeTransaction(async (tx) => {
            const plates = await allocatePlateNumbers(tx, 'passenger', 2);
            // Widen the window between the increment and the commit.
            await new Promise((resolve) => setTimeout(resolve, 2));
            return plates;
          }),
        ),
      );
      const plates = (await Promise.all(allocations)).flat();
      expect(plates).toHaveLength(storages.length * rounds * 2);
      expect(new Set(plates).size).toBe(plates.length);
      // Without a seed the series starts at its first value and stays gapless.
      expect([...plates].sort()).toContain('A00 AAA');
    });
  },
);
