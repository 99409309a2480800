/**
 * Outbox drain: 1,000 commands queued offline (distinct vehicles, so all are applied), then
 * the link returns: time until the server acknowledged them all, through the real outbox
 * (Dexie on fake-indexeddb, batches of 100) against the production build over HTTP. Side by
 * side on the same server, the usual alternative: one request per command over keep-alive
 * HTTP, replayed in order (Workbox background-sync style). Also reports where the drain's
 * time goes: in requests (server work, including its durable commits) vs local bookkeeping.
 *
 * Run after the build, with cwd web/: `node --import tsx bench/outbox-drain.bench.ts`.
 */
import 'fake-indexeddb/auto';
import { newId, sessionInfoSchema } from '@comptoir/shared';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServer } from '../e2e/server-process';
import { openComptoirDb } from '../src/lib/offline/db';
import { enqueueCommand } from '../src/lib/offline/outbox';
import { drainOutbox } from '../src/lib/offline/sync';
import { makeAtacCommand, type FixtureActor } from '../src/lib/testing/command.factory';

const COMMANDS = 1_000;

function bench(line: Record<string, unknown>): void {
  process.stdout.write(`BENCH ${JSON.stringify(line)}\n`);
}

async function signIn(origin: string): Promise<{ cookie: string; actor: FixtureActor }> {
  const response = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username: 'demo-generic', password: 'demo-password' }),
  });
  if (!response.ok) throw new Error(`sign-in failed: HTTP ${String(response.status)}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const info = sessionInfoSchema.parse(await response.json());
  const licence = info.licences[0]?.licence;
  if (!licence) throw new Error('the demo account has no licence');
  return { cookie, actor: { accountId: info.account.id, licence, kioskId: newId() } };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'comptoir-bench-drain-'));
  const server = await startServer({ port: await freePort(), dataDir });
  try {
    const { origin } = server;
    const { cookie, actor } = await signIn(origin);
    let requestMs = 0;
    let requests = 0;
    const sessionFetch: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('cookie', cookie);
      headers.set('origin', origin);
      const started = performance.now();
      const response = await fetch(input, { ...init, headers });
      const body = await response.arrayBuffer();
      requestMs += performance.now() - started;
      requests += 1;
      return new Response(body, { status: response.status, headers: response.headers });
    };

    // Warm-up: one command each way, so that neither side pays the JIT and first-connection costs.
    const warmDb = openComptoirDb(`bench-warm-${newId()}`);
    await enqueueCommand(warmDb, makeAtacCommand(actor, 900_000));
    await drainOutbox(
      { db: warmDb, baseUrl: origin, fetch: sessionFetch, now: Date.now, random: Math.random },
      actor.accountId,
    );
    await sessionFetch(`${origin}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ops: [makeAtacCommand(actor, 900_001)] }),
    });

    // Outbox: queued offline, then drained in batches.
    const db = openComptoirDb(`bench-${newId()}`);
    for (let index = 0; index < COMMANDS; index += 1) {
      await enqueueCommand(db, makeAtacCommand(actor, 100_000 + index));
    }
    requestMs = 0;
    requests = 0;
    const drainStarted = performance.now();
    const outcome = await drainOutbox(
      { db, baseUrl: origin, fetch: sessionFetch, now: Date.now, random: Math.random },
      actor.accountId,
    );
    const drainMs = performance.now() - drainStarted;
    const applied = await db.outbox.where('state').equals('applied').count();
    if (outcome.kind !== 'done' || applied !== COMMANDS) {
      throw new Error(`outbox drain incomplete: ${outcome.kind}, ${String(applied)} applied`);
    }
    const drainRequestMs = requestMs;
    const drainRequests = requests;

    // Baseline: one request per command, in order, over the same keep-alive connection pool.
    const baselineCommands = Array.from({ length: COMMANDS }, (_, index) =>
      makeAtacCommand(actor, 200_000 + index),
    );
    requestMs = 0;
    const baselineStarted = performance.now();
    for (const command of baselineCommands) {
      const response = await sessionFetch(`${origin}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ops: [command] }),
      });
      if (!response.ok) throw new Error(`baseline push failed: HTTP ${String(response.status)}`);
    }
    const baselineMs = performance.now() - baselineStarted;

    const perSecond = (ms: number) => Math.round((COMMANDS / ms) * 1000 * 10) / 10;
    bench({
      name: 'web.outbox-drain.1000',
      figure: perSecond(drainMs),
      unit: 'cmd/s',
      baseline: perSecond(baselineMs),
      baselineName: 'one request per command (keep-alive, in order)',
      note: `drain ${String(Math.round(drainMs))} ms in ${String(drainRequests)} requests vs ${String(Math.round(baselineMs))} ms`,
    });
    bench({
      name: 'web.outbox-drain.time-in-requests',
      figure: Math.round(drainRequestMs),
      unit: 'ms',
      note: `server work incl. durable commits, ${String(Math.round((drainRequestMs / drainMs) * 100))}% of the drain; the rest is outbox bookkeeping in IndexedDB (fake-indexeddb here)`,
    });
    bench({
      name: 'web.outbox-drain.local-bookkeeping',
      figure: Math.round(drainMs - drainRequestMs),
      unit: 'ms',
    });
    await db.delete();
    await warmDb.delete();
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
