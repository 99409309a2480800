/**
 * Sync ingest benchmark (run from web/: `node --import tsx bench/sync-ingest.bench.ts`, after
 * `npm run build`, with COMPTOIR_TEST_PG_URL set). For SQLite then PostgreSQL: spawn the built
 * server, push 5,000 transit commands (distinct vehicles, cap raised) in batches of 100 over
 * HTTP, and compare with the floor: the same rows inserted straight into the same database in
 * one transaction. Then where the time goes: the same pushes in this process, timed per phase
 * of `pushCommands` (ms per command); what the HTTP run took beyond them is the framework's
 * (request parsing, session, SvelteKit) and the client's share. Prints `BENCH {...}` lines
 * (root `npm run bench` collects them).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pushResponseSchema, transitDocumentSchema, vinCheckDigit } from '@comptoir/shared';
import {
  signDocument,
  signDocumentWith,
  signQrToken,
  signQrTokenWith,
  generateSigningKeyPair,
  importSigningKey,
} from '@comptoir/shared/tokens';
import { loadAccount } from '../src/lib/server/accounts/session.service.js';
import { createServerContext } from '../src/lib/server/context.js';
import { seedDemoData } from '../src/lib/server/demo/index.js';
import { openStorage, type Storage } from '../src/lib/server/db/engine.js';
import { workerSigner } from '../src/lib/server/signing-worker.js';
import { pushCommands, type PushPhases } from '../src/lib/server/sync/push.js';
import { person, transitCommand, vehicle } from '../src/lib/server/testing/factories.js';
import { apiClient, spawnBuiltServer } from '../src/lib/server/testing/spawn-server.js';
import { createTestDatabase, type EngineName } from '../src/lib/server/testing/test-env.js';

const COMMANDS = 5_000;
const BATCH = 100;

function bench(line: Record<string, unknown>): void {
  console.log(`BENCH ${JSON.stringify(line)}`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** 5,000 distinct valid VINs. */
function benchVins(): string[] {
  return Array.from({ length: COMMANDS }, (_, index) => {
    const draft = `1HGCM8260PA${String(index).padStart(6, '0')}`;
    return `${draft.slice(0, 8)}${vinCheckDigit(draft) ?? '0'}${draft.slice(9)}`;
  });
}

/** The rows the run wrote, inserted again under new keys in ONE transaction: the floor. */
async function floor(storage: Storage): Promise<number> {
  const { db } = storage;
  const documents = await db
    .selectFrom('documents')
    .selectAll()
    .where('kind', '=', 'transit')
    .execute();
  const results = await db.selectFrom('idempotency').selectAll().execute();
  const audit = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('event', '=', 'document.issued')
    .execute();
  const started = performance.now();
  await storage.writeTransaction(async (tx) => {
    for (const row of documents) {
      await tx
        .insertInto('documents')
        .values({ ...row, number: `F${row.number}`, change_seq: row.change_seq + 1_000_000 })
        .execute();
      await tx
        .updateTable('licences')
        .set({ change_seq: row.change_seq + 1_000_000 })
        .where('number', '=', row.licence)
        .execute();
    }
    for (const row of results) {
      await tx
        .insertInto('idempotency')
        .values({ ...row, command_id: `F${row.command_id}` })
        .execute();
    }
    for (const row of audit) {
      const { id: _id, ...rest } = row;
      await tx
        .insertInto('audit_log')
        .values({ ...rest, chain: `floor:${rest.chain}` })
        .execute();
    }
  });
  return performance.now() - started;
}

/** The bench's commands, in batches, made before any clock starts. */
function batchesFor(accountId: string): unknown[][] {
  const vins = benchVins();
  const batches: unknown[][] = [];
  for (let offset = 0; offset < COMMANDS; offset += BATCH) {
    batches.push(
      vins
        .slice(offset, offset + BATCH)
        .map((vin) =>
          transitCommand({ accountId, vehicle: vehicle(0, { vin }), holder: person() }),
        ),
    );
  }
  return batches;
}

function appliedIn(texts: readonly string[]): number {
  return texts
    .map((text) => {
      const parsed: unknown = JSON.parse(text);
      return pushResponseSchema.parse(parsed).results.filter((r) => r.status === 'applied').length;
    })
    .reduce((sum, count) => sum + count, 0);
}

/**
 * Another build to compare with in the same run (`COMPTOIR_BENCH_BASELINE_BUILD`: the
 * `build/index.js` of, say, the previous commit's checkout, built), pushed to the same way.
 */
const BASELINE_BUILD = process.env.COMPTOIR_BENCH_BASELINE_BUILD;

/** The HTTP ingest rate of one build on a fresh database, with its batch latencies. */
async function ingest(
  engine: EngineName,
  builtServer?: string,
  afterwards?: (storage: Storage) => Promise<void>,
): Promise<{ rate: number; elapsedMs: number; applied: number; latencies: number[] }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-bench-'));
  const database = engine === 'postgres' ? await createTestDatabase() : undefined;
  const server = await spawnBuiltServer({
    dataDir,
    databaseUrl: database?.url,
    ...(builtServer && { builtServer }),
  });
  const storage = await openStorage({ dataDir, databaseUrl: database?.url });
  try {
    await storage.db.updateTable('licences').set({ transit_cap: 1_000_000 }).execute();
    const kiosk = apiClient(server.origin);
    const batches = batchesFor(await kiosk.login('demo-agree'));
    const latencies: number[] = [];
    const answers: string[] = [];
    const started = performance.now();
    for (const ops of batches) {
      const batchStarted = performance.now();
      const answer = await kiosk.post('/api/sync/push', { ops });
      latencies.push(performance.now() - batchStarted);
      if (answer.status !== 200)
        throw new Error(`push answered ${String(answer.status)}: ${answer.text}`);
      answers.push(answer.text);
    }
    const elapsedMs = performance.now() - started;
    await afterwards?.(storage);
    return {
      rate: COMMANDS / (elapsedMs / 1000),
      elapsedMs,
      applied: appliedIn(answers),
      latencies,
    };
  } finally {
    await storage.close();
    await server.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** This build against the baseline build, alternating, best of two rounds each. */
async function compareWithBaseline(engine: EngineName, baselineBuild: string): Promise<void> {
  const rates = { current: [] as number[], baseline: [] as number[] };
  for (let round = 0; round < 2; round += 1) {
    rates.baseline.push((await ingest(engine, baselineBuild)).rate);
    rates.current.push((await ingest(engine)).rate);
  }
  bench({
    name: `sync ingest ${engine} (5000 transits, batches of 100), against the baseline build`,
    figure: Math.round(Math.max(...rates.current)),
    unit: 'cmd/s',
    baseline: Math.round(Math.max(...rates.baseline)),
    baselineName: `baseline build ${baselineBuild}`,
    note: 'best of two alternating rounds each, same machine, same run',
  });
}

/** The HTTP run against the built server, and the floor on the same database; ms per command. */
async function run(engine: EngineName): Promise<number> {
  let floorMs = 0;
  const { rate, elapsedMs, applied, latencies } = await ingest(
    engine,
    undefined,
    async (storage) => {
      floorMs = await floor(storage);
    },
  );
  const floorRate = COMMANDS / (floorMs / 1000);
  latencies.sort((a, b) => a - b);
  bench({
    name: `sync ingest ${engine} (5000 transits, batches of 100)`,
    figure: Math.round(rate),
    unit: 'cmd/s',
    baseline: Math.round(floorRate),
    baselineName: 'floor: same rows inserted in one transaction',
    note: `applied ${String(applied)}/${String(COMMANDS)}; ratio to floor ${(rate / floorRate).toFixed(2)}`,
  });
  for (const p of [50, 95]) {
    bench({
      name: `sync ingest ${engine} batch latency p${String(p)}`,
      figure: Math.round(percentile(latencies, p) * 10) / 10,
      unit: 'ms',
    });
  }
  return elapsedMs / COMMANDS;
}

/**
 * Where the time goes: the same pushes through `pushCommands` in this process, on a fresh
 * database of the engine, timed per phase (ms per command).
 */
async function phases(engine: EngineName, httpMsPerCommand: number): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-bench-phases-'));
  const database = engine === 'postgres' ? await createTestDatabase() : undefined;
  const ctx = await createServerContext({
    dataDir,
    databaseUrl: database?.url,
    isDemo: true,
    origin: 'http://127.0.0.1:3000',
    faults: undefined,
    trustProxy: false,
    secretKey: { fromEnv: randomBytes(32).toString('base64url') },
  });
  await seedDemoData(ctx);
  try {
    await ctx.storage.db.updateTable('licences').set({ transit_cap: 1_000_000 }).execute();
    const { id } = await ctx.storage.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'demo-agree')
      .executeTakeFirstOrThrow();
    const actor = await loadAccount(ctx, id);
    if (!actor) throw new Error('demo-agree is missing');
    const batches = batchesFor(actor.id);
    const spent: PushPhases = { parse: 0, apply: 0, sign: 0, flush: 0, commit: 0 };
    const answers: string[] = [];
    for (const ops of batches) answers.push((await pushCommands(ctx, actor, { ops }, spent)).body);
    if (appliedIn(answers) !== COMMANDS) throw new Error('the in-process run did not apply all');
    const perCommand = (ms: number) => Math.round((ms / COMMANDS) * 1000) / 1000;
    const inProcess = Object.values(spent).reduce((sum, ms) => sum + ms, 0);
    for (const [phase, ms] of Object.entries(spent)) {
      bench({
        name: `sync ingest ${engine} time per command: ${phase}`,
        figure: perCommand(ms),
        unit: 'ms',
        note: 'pushCommands in process',
      });
    }
    bench({
      name: `sync ingest ${engine} time per command: HTTP, framework and client`,
      figure: Math.round((httpMsPerCommand - inProcess / COMMANDS) * 1000) / 1000,
      unit: 'ms',
      note: `HTTP run ${httpMsPerCommand.toFixed(3)} ms/cmd minus the in-process phases`,
    });
  } finally {
    ctx.signer.close();
    await ctx.storage.close();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Where the time goes: signing (JWS + QR token, Ed25519) per document, in this process. */
async function signingCost(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-bench-keys-'));
  try {
    const { privateJwk } = await generateSigningKeyPair();
    const signingKey = await importSigningKey(privateJwk);
    const rawSigningKey = { kid: signingKey.kid, sign: workerSigner(privateJwk) };
    const document = transitDocumentSchema.parse({
      schemaVersion: 1,
      kind: 'transit',
      number: 'T-2026-000001',
      licence: 'L-100001',
      dealer: { name: 'Automobiles Laurentides inc.', neq: '1160000001' },
      issuedAt: '2026-03-10T15:00:00.000Z',
      expiresAt: '2026-03-21T03:59:59.000Z',
      vehicle: { vin: '2HGFC2F55PH000101', make: 'Honda', model: 'Civic', year: 2023 },
      issuedBy: { signer: 'server', kid: signingKey.kid },
      days: 10,
      reason: 'register_at_service_point',
      holder: { name: 'Marie Tremblay' },
    });
    const count = 2_000;
    let started = performance.now();
    for (let index = 0; index < count; index += 1) {
      await signDocument(document, signingKey);
      await signQrToken(document, signingKey);
    }
    const joseMs = (performance.now() - started) / count;
    started = performance.now();
    for (let index = 0; index < count; index += 1) {
      await signDocumentWith(document, rawSigningKey);
      await signQrTokenWith(document, rawSigningKey);
    }
    const rawMs = (performance.now() - started) / count;
    bench({
      name: 'document signing (JWS + QR token) per document, the server signer (worker threads)',
      figure: Math.round(rawMs * 1000) / 1000,
      unit: 'ms',
      baseline: Math.round(joseMs * 1000) / 1000,
      baselineName: 'jose over WebCrypto, one document at a time',
      note: 'one document at a time, awaited (a worker round trip each); same tokens byte for byte; in a push, requests go in groups and signing overlaps applying',
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

for (const engine of ['sqlite', 'postgres'] as const) {
  await phases(engine, await run(engine));
  if (BASELINE_BUILD) await compareWithBaseline(engine, BASELINE_BUILD);
}
await signingCost();
