/**
 * A kiosk's push rate under an anonymous flood (run from web/: `node --import tsx
 * bench/flood-push.bench.ts`, after `npm run build`). The built server on SQLite; a kiosk pushes
 * batches of 5 transits in turns of 5 s, alternately quiet and beside 300 refused requests a
 * second from one address (a separate process: half cross-site writes, half session-less
 * pushes). Then the server's CPU per refused request, with the early refusals of the entry
 * (web/server/early-refusals.js) and without them (`COMPTOIR_EARLY_REFUSALS=0`, the baseline).
 * Prints `BENCH {...}` lines (see scripts/bench.mjs).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../src/lib/server/db/engine.js';
import {
  compareUnderFlood,
  pushingKiosk,
  serverCpuPerFloodRequest,
} from '../src/lib/server/testing/flood.js';
import { spawnBuiltServer } from '../src/lib/server/testing/spawn-server.js';

const RATE = 300;

function bench(line: Record<string, unknown>): void {
  console.log(`BENCH ${JSON.stringify(line)}`);
}

async function withServer<T>(
  env: Record<string, string>,
  use: (origin: string, pid: number) => Promise<T>,
): Promise<T> {
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-bench-flood-'));
  const server = await spawnBuiltServer({ dataDir, env: { COMPTOIR_TRUST_PROXY: '1', ...env } });
  try {
    const storage = await openStorage({ dataDir });
    await storage.db.updateTable('licences').set({ transit_cap: 1_000_000 }).execute();
    await storage.close();
    return await use(server.origin, server.process.pid ?? 0);
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function kioskUnderFlood(env: Record<string, string>) {
  return withServer(env, async (origin) => {
    const kiosk = await pushingKiosk({ origin, address: '192.168.1.20' });
    await kiosk.pushFor(1);
    return compareUnderFlood({
      origin,
      kiosk,
      rate: RATE,
      floodAddress: '203.0.113.66',
      seconds: 5,
      turns: 2,
    });
  });
}

async function cpuPerRefusal(env: Record<string, string>): Promise<number> {
  return withServer(env, (origin, pid) =>
    serverCpuPerFloodRequest({
      origin,
      serverPid: pid,
      rate: RATE,
      address: '203.0.113.67',
      seconds: 5,
    }),
  );
}

const early = await kioskUnderFlood({});
const late = await kioskUnderFlood({ COMPTOIR_EARLY_REFUSALS: '0' });
const note = `SQLite, flood ${early.floodRate.toFixed(0)} req/s from one address, batches of 5`;
bench({
  name: 'flood: kiosk transits/s beside 300 refused req/s',
  figure: early.flooded,
  unit: 'transits/s',
  baseline: early.quiet,
  baselineName: 'same kiosk, no flood',
  note,
});
bench({
  name: 'flood: same, early refusals off (before)',
  figure: late.flooded,
  unit: 'transits/s',
  baseline: late.quiet,
  baselineName: 'same kiosk, no flood',
  note,
});
bench({
  name: 'flood: server CPU per refused request',
  figure: await cpuPerRefusal({}),
  unit: 'ms',
  baseline: await cpuPerRefusal({ COMPTOIR_EARLY_REFUSALS: '0' }),
  baselineName: 'early refusals off',
  note: 'half cross-site writes with 2 KB paths, half session-less pushes',
});
