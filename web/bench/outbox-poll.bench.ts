/**
 * What the server's outbox worker (plate orders, e-mails: docs/plates-by-mail.md) costs when
 * there is nothing to send: one built web process on a fresh PostgreSQL database, idle for
 * 30 s and then under a push load (10 kiosks, 8 batches of 5 transits each), with the outbox
 * worker as shipped against the same server with the worker off (`COMPTOIR_OUTBOX_IDLE_MS=0`,
 * a baseline only: nothing would ever be sent), in the same run. Figures: the database's
 * transactions per minute (`pg_stat_database`, commits and rollbacks) and the process's CPU
 * (user + system, from /proc). Prints `BENCH {...}` lines (see scripts/bench.mjs).
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pushResponseSchema, vinCheckDigit } from '@comptoir/shared';
import pg from 'pg';
import { parseJson } from '../src/lib/server/testing/bodies.js';
import { person, transitCommand, vehicle } from '../src/lib/server/testing/factories.js';
import { apiClient, spawnBuiltServer } from '../src/lib/server/testing/spawn-server.js';
import { createTestDatabase, requireEnv } from '../src/lib/server/testing/test-env.js';

const IDLE_MS = 30_000;
const KIOSKS = 10;
const BATCHES = 8;
const PER_BATCH = 5;
/** Linux's clock ticks per second (`getconf CLK_TCK`), what /proc/<pid>/stat counts in. */
const CLOCK_TICKS = 100;

function bench(line: Record<string, unknown>): void {
  console.log(`BENCH ${JSON.stringify(line)}`);
}

function vinFor(index: number): string {
  const draft = `2HGCM8260PC${String(index).padStart(6, '0')}`;
  return `${draft.slice(0, 8)}${vinCheckDigit(draft) ?? '0'}${draft.slice(9)}`;
}

/** The process's CPU time so far, in ms (user + system). */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${String(pid)}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime is the 14th, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** The database's transactions so far (commits and rollbacks), as the statistics see them. */
async function transactions(admin: pg.Client, database: string): Promise<number> {
  // Statistics are flushed by each backend at most once a second: wait that out first.
  await new Promise((resolve) => setTimeout(resolve, 1200));
  await admin.query('select pg_stat_clear_snapshot()');
  const { rows } = await admin.query<{ n: string }>(
    'select xact_commit + xact_rollback as n from pg_stat_database where datname = $1',
    [database],
  );
  return Number(rows[0]?.n ?? 0);
}

interface Figures {
  idleTxPerMin: number;
  idleCpuMsPerMin: number;
  loadTxPerDoc: number;
  loadCpuMsPerDoc: number;
}

async function run(isWorkerOn: boolean): Promise<Figures> {
  const database = await createTestDatabase();
  const name = new URL(database.url).pathname.slice(1);
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-bench-outbox-'));
  const admin = new pg.Client({ connectionString: requireEnv('COMPTOIR_TEST_PG_URL') });
  await admin.connect();
  const server = await spawnBuiltServer({
    dataDir,
    databaseUrl: database.url,
    env: isWorkerOn ? {} : { COMPTOIR_OUTBOX_IDLE_MS: '0' },
  });
  try {
    const pid = server.process.pid ?? 0;
    // No practical weekly cap on the licence the kiosks push for.
    const direct = new pg.Client({ connectionString: database.url });
    await direct.connect();
    await direct.query('update licences set transit_cap = 1000000');
    await direct.end();
    // Idle: nobody connected, nothing queued.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idleTx0 = await transactions(admin, name);
    const idleCpu0 = await cpuMs(pid);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const idleTx = (await transactions(admin, name)) - idleTx0;
    const idleCpu = (await cpuMs(pid)) - idleCpu0;
    const minutes = IDLE_MS / 60_000;

    // Under load: kiosks pushing transits (nothing for the outbox to send).
    const kiosks: { client: ReturnType<typeof apiClient>; accountId: string }[] = [];
    for (let index = 0; index < KIOSKS; index += 1) {
      const client = apiClient(server.origin);
      kiosks.push({ client, accountId: await client.login('demo-agree') });
    }
    const loadTx0 = await transactions(admin, name);
    const loadCpu0 = await cpuMs(pid);
    let vin = isWorkerOn ? 0 : 100_000;
    let documents = 0;
    const started = performance.now();
    await Promise.all(
      kiosks.map(async ({ client, accountId }) => {
        for (let batch = 0; batch < BATCHES; batch += 1) {
          const ops = Array.from({ length: PER_BATCH }, () =>
            transitCommand({
              accountId,
              licence: 'L-100001',
              vehicle: vehicle(0, { vin: vinFor(++vin) }),
              holder: person(),
            }),
          );
          const answer = await client.post('/api/sync/push', { ops });
          if (answer.status !== 200) throw new Error(`push answered ${String(answer.status)}`);
          documents += pushResponseSchema
            .parse(parseJson(answer.text))
            .results.filter((result) => result.status === 'applied').length;
        }
      }),
    );
    const elapsed = performance.now() - started;
    const loadTx = (await transactions(admin, name)) - loadTx0;
    const loadCpu = (await cpuMs(pid)) - loadCpu0;
    if (documents === 0) throw new Error('no transit applied');
    console.error(
      `[outbox-poll] worker ${isWorkerOn ? 'on' : 'off'}: ${String(documents)} transits in ${String(Math.round(elapsed))} ms`,
    );
    const round = (value: number) => Math.round(value * 10) / 10;
    return {
      idleTxPerMin: round(idleTx / minutes),
      idleCpuMsPerMin: round(idleCpu / minutes),
      loadTxPerDoc: round(loadTx / documents),
      loadCpuMsPerDoc: round(loadCpu / documents),
    };
  } finally {
    await server.stop();
    await admin.end();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const off = await run(false);
const on = await run(true);
const note = 'one process, PostgreSQL';
const line = (name: string, unit: string, figure: number, baseline: number) =>
  bench({ name, figure, unit, baseline, baselineName: 'outbox worker off', note });
line(
  'outbox worker, idle: database transactions per minute',
  'tx/min',
  on.idleTxPerMin,
  off.idleTxPerMin,
);
line(
  'outbox worker, idle: server CPU per minute',
  'ms/min',
  on.idleCpuMsPerMin,
  off.idleCpuMsPerMin,
);
line(
  'outbox worker, under push load: database transactions per transit',
  'tx/doc',
  on.loadTxPerDoc,
  off.loadTxPerDoc,
);
line(
  'outbox worker, under push load: server CPU per transit',
  'ms/doc',
  on.loadCpuMsPerDoc,
  off.loadCpuMsPerDoc,
);
