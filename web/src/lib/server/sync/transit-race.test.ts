import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentListSchema, pushResponseSchema } from '@comptoir/shared';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../testing/bodies.js';
import { person, transitCommand, vehicle } from '../testing/factories.js';
import { apiClient, spawnBuiltServer, type SpawnedServer } from '../testing/spawn-server.js';
import { createTestDatabase, type EngineName } from '../testing/test-env.js';

const PAUSE = 'transit.between_check_and_insert=pause:800';

interface RaceOutcome {
  /** What each of the two racing kiosks was answered. */
  answers: string[];
  /** Transits stored for the vehicle at the end. */
  stored: number;
}

/**
 * Two server processes on ONE database; the vehicle already has 3 transits (limit 4). Two
 * kiosks ask for the 4th at the same moment, each through its own process: the fault pause
 * holds the first between its limit check and its insert while the second arrives.
 */
async function race(engine: EngineName, extraFaults: string[] = []): Promise<RaceOutcome> {
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-race-'));
  const database = engine === 'postgres' ? await createTestDatabase() : undefined;
  const servers: SpawnedServer[] = [];
  try {
    const faults = [PAUSE, ...extraFaults].join(',');
    // Start the first alone (it migrates and seeds), then the second on the same database.
    servers.push(await spawnBuiltServer({ dataDir, databaseUrl: database?.url, faults }));
    servers.push(await spawnBuiltServer({ dataDir, databaseUrl: database?.url, faults }));
    const [kioskA, kioskB] = servers.map((server) => apiClient(server.origin));
    if (!kioskA || !kioskB) throw new Error('two servers expected');
    const accountId = await kioskA.login('demo-agree');
    await kioskB.login('demo-agree');
    const car = vehicle(0);
    const holders = [
      'T123456789012',
      'G234567890123',
      'C456789012345',
      'B567890123456',
      'R345678901234',
    ];
    // Three earlier transits, one per customer: the vehicle is one short of its limit.
    for (const driverLicence of holders.slice(0, 3)) {
      const seeded = await kioskA.post('/api/sync/push', {
        ops: [transitCommand({ accountId, vehicle: car, holder: person({ driverLicence }) })],
      });
      expect(pushResponseSchema.parse(parseJson(seeded.text)).results[0]?.status).toBe('applied');
    }
    // On PostgreSQL the two kiosks work under two licences, so that only the vehicle guard
    // (not the licence lock) stands between them.
    const first = kioskA.post('/api/sync/push', {
      ops: [
        transitCommand({
          accountId,
          licence: 'L-100001',
          vehicle: car,
          holder: person({ driverLicence: holders[3] }),
        }),
      ],
    });
    await new Promise((resolve) => setTimeout(resolve, 250));
    const second = kioskB.post('/api/sync/push', {
      ops: [
        transitCommand({
          accountId,
          licence: engine === 'postgres' ? 'L-100002' : 'L-100001',
          vehicle: car,
          holder: person({ driverLicence: holders[4] }),
        }),
      ],
    });
    const answers = await Promise.all([first, second]);
    const results = answers.map((answer) => {
      if (answer.status !== 200) return `http ${String(answer.status)}`;
      const [result] = pushResponseSchema.parse(parseJson(answer.text)).results;
      return result?.error?.code ?? result?.status ?? 'none';
    });
    const pulled = await Promise.all(
      ['L-100001', 'L-100002'].map((licence) => kioskA.get(`/api/transit?licence=${licence}`)),
    );
    const stored = pulled
      .map((answer) => documentListSchema.parse(parseJson(answer.text)))
      .flatMap((body) => body.items)
      .filter((item) => item.document.vehicle.vin === car.vin).length;
    return { answers: results.sort(), stored };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The property the guard must keep: one kiosk gets the 4th transit, the other is refused. */
function assertLimitHeld(outcome: RaceOutcome): void {
  expect(outcome.answers).toEqual(['applied', 'transit_limit_vehicle']);
  expect(outcome.stored).toBe(4);
}

describe.each(['sqlite', 'postgres'] as const)('transit limit race on %s', (engine) => {
  it(
    'two kiosks on two server processes cannot exceed the per-vehicle limit',
    { timeout: 120_000 },
    async () => {
      assertLimitHeld(await race(engine));
    },
  );

  it(
    'is a real test: with the guard disabled the same race breaks the limit',
    { timeout: 120_000 },
    async () => {
      const outcome = await race(engine, ['transit.guard=off']);
      expect(() => assertLimitHeld(outcome)).toThrow();
      if (engine === 'postgres') {
        // Without the vehicle lock both checks see 3 and both insert: 5 transits, over the limit.
        expect(outcome).toEqual({ answers: ['applied', 'applied'], stored: 5 });
      } else {
        // Without BEGIN IMMEDIATE both read a snapshot with 3; SQLite then refuses the second
        // writer's stale snapshot (SQLITE_BUSY_SNAPSHOT), so that kiosk gets `retry` instead of
        // its answer: the limit survives by luck of the engine, the request does not.
        expect(outcome).toEqual({ answers: ['applied', 'retry'], stored: 4 });
      }
    },
  );
});
