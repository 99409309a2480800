import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../db/engine.js';
import { compareUnderFlood, pushingKiosk, serverCpuPerFloodRequest } from '../testing/flood.js';
import { spawnBuiltServer, type SpawnedServer } from '../testing/spawn-server.js';

/*
 * An anonymous flood must cost the attacker more than the server: 300 refused writes a second
 * from one address (another process) beside a kiosk pushing transits, on the built server and
 * its default engine (SQLite, one writer: the worst case for contention with the sync lock).
 * The goal is a kiosk within 20% of its quiet rate. On this 2-core machine shared with
 * other suites the flood's own client takes CPU from the server and the kiosk too, so the rate
 * ratio is printed and held to a loose floor; what the server controls, its CPU per refused
 * request, is held to half of what it was (about 2 ms through SvelteKit; refused early 0.1 to
 * 0.5 ms). `npm run bench -- flood` reports both beside their baselines.
 */

const FLOOD_RATE = 300;
/** The kiosk's flooded rate must stay above this share of its quiet rate (see above). */
const FLOOR = 0.15;
/** The server's CPU per refused request, in ms: 0.1 to 0.5 measured here, 1.6 to 2 before. */
const MAX_CPU_MS_PER_REFUSAL = 1;

describe('a kiosk pushing beside an anonymous flood', () => {
  let dataDir = '';
  let server: SpawnedServer | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'comptoir-flood-'));
    server = await spawnBuiltServer({ dataDir, env: { COMPTOIR_TRUST_PROXY: '1' } });
    const storage = await openStorage({ dataDir });
    try {
      await storage.db.updateTable('licences').set({ transit_cap: 1_000_000 }).execute();
    } finally {
      await storage.close();
    }
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('keeps its push rate under 300 refused requests a second from one address', async () => {
    const origin = server?.origin ?? '';
    const kiosk = await pushingKiosk({ origin, address: '192.168.1.20' });
    // Warm-up: the first pushes pay for compilation and caches.
    await kiosk.pushFor(1);
    const figures = await compareUnderFlood({
      origin,
      kiosk,
      rate: FLOOD_RATE,
      floodAddress: '203.0.113.66',
      seconds: 4,
      turns: 2,
    });
    const ratio = figures.flooded / figures.quiet;
    console.log(
      `[flood] kiosk ${figures.quiet.toFixed(1)} transits/s quiet, ${figures.flooded.toFixed(1)} under ${figures.floodRate.toFixed(0)} req/s: ${(ratio * 100).toFixed(0)}%`,
      JSON.stringify(figures.reports.map((report) => report.statuses)),
    );
    // The flood really ran at its rate and was refused, not served.
    expect(figures.floodRate).toBeGreaterThan(FLOOD_RATE * 0.8);
    for (const report of figures.reports) {
      expect(Object.keys(report.statuses).every((status) => /^4\d\d$/.test(status))).toBe(true);
    }
    expect(ratio).toBeGreaterThan(FLOOR);
  }, 180_000);

  it('spends little CPU on each refused request of the flood', async () => {
    const cpuMs = await serverCpuPerFloodRequest({
      origin: server?.origin ?? '',
      serverPid: server?.process.pid ?? 0,
      rate: FLOOD_RATE,
      address: '203.0.113.67',
      seconds: 4,
    });
    console.log(`[flood] server CPU per refused request: ${cpuMs.toFixed(3)} ms`);
    expect(cpuMs).toBeLessThan(MAX_CPU_MS_PER_REFUSAL);
  }, 60_000);
});
