/**
 * One registry, more processes: 200 licences, 40 kiosks pushing transits at once (each kiosk
 * its 5 licences, one transit per licence per batch), against ONE built web process and
 * against TWO behind Debian's nginx (round robin), each on a fresh PostgreSQL database, in the
 * same run. Figures: documents per second, p95 of a push, and the share of the database's
 * active-connection samples that wait on a lock (`pg_stat_activity.wait_event_type = 'Lock'`,
 * sampled every 20 ms). Prints `BENCH {...}` lines (see scripts/bench.mjs).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pushResponseSchema, vinCheckDigit } from '@comptoir/shared';
import pg from 'pg';
import { openStorage } from '../src/lib/server/db/engine.js';
import { parseJson } from '../src/lib/server/testing/bodies.js';
import { person, transitCommand, vehicle } from '../src/lib/server/testing/factories.js';
import { startBalancer } from '../src/lib/server/testing/nginx.js';
import {
  apiClient,
  freePort,
  spawnBuiltServer,
  type SpawnedServer,
} from '../src/lib/server/testing/spawn-server.js';
import { createTestDatabase, requireEnv } from '../src/lib/server/testing/test-env.js';

const LICENCES = 200;
const KIOSKS = 40;
const BATCHES_PER_KIOSK = 6;
const LICENCES_PER_KIOSK = LICENCES / KIOSKS;

function bench(line: Record<string, unknown>): void {
  console.log(`BENCH ${JSON.stringify(line)}`);
}

function vinFor(index: number): string {
  const draft = `3HGCM8260PC${String(index).padStart(6, '0')}`;
  return `${draft.slice(0, 8)}${vinCheckDigit(draft) ?? '0'}${draft.slice(9)}`;
}

/** 200 licences of the demo dealer, open to demo-agree, with no practical cap. */
async function seedLicences(databaseUrl: string, dataDir: string): Promise<void> {
  const storage = await openStorage({ dataDir, databaseUrl });
  try {
    const agree = await storage.db
      .selectFrom('account_licences')
      .innerJoin('accounts', 'accounts.id', 'account_licences.account_id')
      .innerJoin('licences', 'licences.number', 'account_licences.licence')
      .select(['accounts.id', 'account_licences.role', 'licences.dealer_id'])
      .where('accounts.username', '=', 'demo-agree')
      .executeTakeFirstOrThrow();
    const numbers = Array.from({ length: LICENCES }, (_, i) => `L-9${String(i).padStart(5, '0')}`);
    await storage.db
      .insertInto('licences')
      .values(
        numbers.map((number) => ({
          number,
          dealer_id: agree.dealer_id,
          name: `Succursale ${number}`,
          is_suspended: 0,
          transit_cap: 1_000_000,
          change_seq: 0,
          created_at: new Date().toISOString(),
        })),
      )
      .execute();
    await storage.db
      .insertInto('account_licences')
      .values(numbers.map((licence) => ({ account_id: agree.id, licence, role: agree.role })))
      .execute();
  } finally {
    await storage.close();
  }
}

/** What the database's connections were doing, counted over every sample. */
interface Samples {
  /** Running a statement and waiting on a lock (`wait_event_type = 'Lock'`). */
  lock: number;
  /** Running a statement (any wait or none). */
  active: number;
  /** Inside a transaction, waiting for the web process to send the next statement. */
  idleInTransaction: number;
}

/** Samples the database's connections until stopped: active, waiting on a lock, or on Node. */
function lockSampler(databaseName: string): { stop: () => Promise<Samples> } {
  const client = new pg.Client({ connectionString: requireEnv('COMPTOIR_TEST_PG_URL') });
  const samples: Samples = { lock: 0, active: 0, idleInTransaction: 0 };
  let isRunning = true;
  const loop = (async () => {
    await client.connect();
    while (isRunning) {
      const { rows } = await client.query<{ lock: string; active: string; idle_tx: string }>(
        `select count(*) filter (where state = 'active' and wait_event_type = 'Lock') as lock,
                count(*) filter (where state = 'active') as active,
                count(*) filter (where state = 'idle in transaction') as idle_tx
           from pg_stat_activity
          where datname = $1 and pid <> pg_backend_pid()`,
        [databaseName],
      );
      samples.lock += Number(rows[0]?.lock ?? 0);
      samples.active += Number(rows[0]?.active ?? 0);
      samples.idleInTransaction += Number(rows[0]?.idle_tx ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await client.end();
  })();
  return {
    async stop() {
      isRunning = false;
      await loop;
      return samples;
    },
  };
}

/** A process's CPU time so far, in ms (user + system; /proc counts 100 ticks a second). */
async function cpuMs(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  const stat = await readFile(`/proc/${String(pid)}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface RunFigures {
  documentsPerSecond: number;
  p95Ms: number;
  lockShare: number;
  /** Of the transactions open in the database, the share waiting on the web processes. */
  waitingOnNodeShare: number;
  /** The web processes' CPU per transit (all processes together). */
  nodeCpuMsPerDocument: number;
}

async function run(processes: 1 | 2): Promise<RunFigures> {
  const database = await createTestDatabase();
  const dirs: string[] = [];
  const servers: SpawnedServer[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'comptoir-bench-mp-'));
    dirs.push(dir);
    return dir;
  };
  let balancer: Awaited<ReturnType<typeof startBalancer>> | undefined;
  try {
    const port = await freePort();
    const front = `http://127.0.0.1:${String(port)}`;
    const env = { ORIGIN: processes === 2 ? front : '', COMPTOIR_TRUST_PROXY: '1' };
    for (let index = 0; index < processes; index += 1) {
      const spawned = await spawnBuiltServer({
        dataDir: await tempDir(),
        databaseUrl: database.url,
        env: processes === 2 ? env : {},
      });
      servers.push(spawned);
    }
    await seedLicences(database.url, await tempDir());
    let origin = servers[0]?.origin ?? '';
    if (processes === 2) {
      balancer = await startBalancer(
        servers.map((server) => server.origin),
        { port },
      );
      origin = balancer.origin;
    }
    // One after the other: an account's sign-ins reserve their attempt before the password is
    // checked, so 40 at once for one account are throttled (5 free); a success gives it back.
    const kiosks: { client: ReturnType<typeof apiClient>; accountId: string }[] = [];
    for (let index = 0; index < KIOSKS; index += 1) {
      const client = apiClient(origin);
      kiosks.push({ client, accountId: await client.login('demo-agree') });
    }
    const latencies: number[] = [];
    let documents = 0;
    let vin = 0;
    const sampler = lockSampler(new URL(database.url).pathname.slice(1));
    const cpuBefore = await Promise.all(servers.map((server) => cpuMs(server.process.pid)));
    const started = performance.now();
    await Promise.all(
      kiosks.map(async ({ client, accountId }, kioskIndex) => {
        for (let batch = 0; batch < BATCHES_PER_KIOSK; batch += 1) {
          const ops = Array.from({ length: LICENCES_PER_KIOSK }, (_, i) =>
            transitCommand({
              accountId,
              licence: `L-9${String(kioskIndex * LICENCES_PER_KIOSK + i).padStart(5, '0')}`,
              vehicle: vehicle(0, { vin: vinFor(++vin) }),
              holder: person(),
            }),
          );
          const sent = performance.now();
          const answer = await client.post('/api/sync/push', { ops });
          latencies.push(performance.now() - sent);
          if (answer.status !== 200) throw new Error(`push answered ${String(answer.status)}`);
          const results = pushResponseSchema.parse(parseJson(answer.text)).results;
          documents += results.filter((result) => result.status === 'applied').length;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = await Promise.all(servers.map((server) => cpuMs(server.process.pid)));
    const nodeCpuMs = cpuAfter.reduce(
      (sum, value, index) => sum + value - (cpuBefore[index] ?? 0),
      0,
    );
    const { lock, active, idleInTransaction } = await sampler.stop();
    if (documents !== KIOSKS * BATCHES_PER_KIOSK * LICENCES_PER_KIOSK) {
      throw new Error(`only ${String(documents)} transits applied`);
    }
    latencies.sort((a, b) => a - b);
    return {
      documentsPerSecond: Math.round((documents / elapsed) * 10) / 10,
      p95Ms: Math.round(latencies[Math.floor(0.95 * latencies.length)] ?? Number.NaN),
      lockShare: active === 0 ? 0 : Math.round((lock / active) * 1000) / 10,
      waitingOnNodeShare:
        active + idleInTransaction === 0
          ? 0
          : Math.round((idleInTransaction / (active + idleInTransaction)) * 1000) / 10,
      nodeCpuMsPerDocument: Math.round((nodeCpuMs / documents) * 10) / 10,
    };
  } finally {
    await balancer?.stop();
    for (const server of servers) await server.stop();
    await database.drop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
}

const one = await run(1);
const two = await run(2);
const note = `${String(LICENCES)} licences, ${String(KIOSKS)} kiosks, PostgreSQL`;
bench({
  name: 'many processes: transits per second, two processes behind nginx',
  figure: two.documentsPerSecond,
  unit: 'doc/s',
  baseline: one.documentsPerSecond,
  baselineName: 'one process',
  note,
});
bench({
  name: 'many processes: p95 of a push (5 transits), two processes behind nginx',
  figure: two.p95Ms,
  unit: 'ms',
  baseline: one.p95Ms,
  baselineName: 'one process',
  note,
});
bench({
  name: 'many processes: share of active DB samples waiting on a lock, two processes',
  figure: two.lockShare,
  unit: '%',
  baseline: one.lockShare,
  baselineName: 'one process',
  note: 'aim: under 10%',
});
bench({
  name: 'many processes: share of open transactions waiting on the web processes, two processes',
  figure: two.waitingOnNodeShare,
  unit: '%',
  baseline: one.waitingOnNodeShare,
  baselineName: 'one process',
  note: 'idle in transaction / (active + idle in transaction): where the time goes',
});
bench({
  name: 'many processes: web processes CPU per transit, two processes',
  figure: two.nodeCpuMsPerDocument,
  unit: 'ms/doc',
  baseline: one.nodeCpuMsPerDocument,
  baselineName: 'one process',
  note,
});
