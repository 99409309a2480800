import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  commandResultSchema,
  isPassengerPlate,
  pushResponseSchema,
  registrationViewSchema,
} from '@comptoir/shared';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../testing/bodies.js';
import { vehicle } from '../../testing/factories.js';
import { apiClient, spawnBuiltServer, type SpawnedServer } from '../../testing/spawn-server.js';
import { ENGINES, createTestDatabase } from '../../testing/test-env.js';
import { confirmCommand, freshVins, holdCommand, appliedOf } from './registration-testing.js';

/** Confirmations per server process. */
const PER_SERVER = 5;
/** Holds each confirmation between its plate draw and its commit, so that they overlap. */
const PAUSE = 'registration.after_plate_allocation=pause:200';

describe.each(ENGINES)('plate allocation race on %s', (engine) => {
  it(
    'two server processes confirming at once never give a plate twice',
    { timeout: 180_000 },
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-plates-'));
      const database = engine === 'postgres' ? await createTestDatabase() : undefined;
      const servers: SpawnedServer[] = [];
      try {
        const options = { dataDir, databaseUrl: database?.url, faults: PAUSE };
        // The first migrates and seeds alone, then the second joins the same database.
        servers.push(await spawnBuiltServer(options));
        servers.push(await spawnBuiltServer(options));
        const kiosks = servers.map((server) => apiClient(server.origin));
        const vins = freshVins('7', kiosks.length * PER_SERVER);
        // On PostgreSQL each kiosk works under its own licence, so that only the plate
        // series row (not the licence lock) stands between the two processes.
        const work = await Promise.all(
          kiosks.map(async (kiosk, index) => {
            const accountId = await kiosk.login('demo-agree');
            const licence = engine === 'postgres' && index === 1 ? 'L-100002' : 'L-100001';
            const holds = vins
              .slice(index * PER_SERVER, (index + 1) * PER_SERVER)
              .map((vin) => holdCommand({ accountId, licence, vehicle: vehicle(0, { vin }) }));
            const saved = await kiosk.post('/api/sync/push', { ops: holds });
            const numbers = pushResponseSchema
              .parse(parseJson(saved.text))
              .results.map((result) => appliedOf(result).transaction?.number ?? '');
            return { kiosk, accountId, licence, numbers };
          }),
        );

        const answers = await Promise.all(
          work.flatMap(({ kiosk, accountId, licence, numbers }) =>
            numbers.map(async (registrationNumber) => {
              const answer = await kiosk.post(
                '/api/commands',
                confirmCommand({ accountId, licence, registrationNumber }),
              );
              expect(answer.status, answer.text).toBe(200);
              return commandResultSchema.parse(parseJson(answer.text));
            }),
          ),
        );
        const plates = answers.flatMap((answer) => appliedOf(answer).plateNumbers ?? []);
        expect(plates).toHaveLength(kiosks.length * PER_SERVER);
        expect(plates.every(isPassengerPlate)).toBe(true);
        expect(new Set(plates).size).toBe(plates.length);

        // Each paper is verifiable on the public page of either process.
        const [first] = work;
        const number = first?.numbers[0] ?? '';
        const view = registrationViewSchema.parse(
          parseJson((await first?.kiosk.get(`/api/registrations/${number}`))?.text ?? 'null'),
        );
        expect(view.documents).toHaveLength(3);
        for (const envelope of view.documents) {
          const page = await fetch(
            `${servers[1]?.origin ?? ''}/verifier/${envelope.document.number}?t=${envelope.qrToken}`,
          );
          expect(page.status).toBe(200);
          expect(await page.text()).toContain('data-status="valid"');
        }
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
        await database?.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  );
});
