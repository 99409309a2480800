import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pushResponseSchema, vinCheckDigit } from '@comptoir/shared';
import { z } from 'zod';
import { parseJson } from './bodies.js';
import { person, transitCommand, vehicle } from './factories.js';

/*
 * A kiosk's push rate beside an anonymous flood: the flood runs in its own process
 * (./flood-process.ts), the kiosk pushes batches from this one. Used by the hostile suite and
 * by `npm run bench` (web/bench/flood-push.bench.ts), which compare the two rates in one run.
 */

const FLOOD_SCRIPT = fileURLToPath(new URL('./flood-process.ts', import.meta.url));
const WEB_DIR = fileURLToPath(new URL('../../../../', import.meta.url));

/** What the flood process sent and what it got back. */
export const floodReportSchema = z.object({
  sent: z.number(),
  seconds: z.number(),
  statuses: z.record(z.string(), z.number()),
});
/** What the flood process sent and what it got back. */
export type FloodReport = z.infer<typeof floodReportSchema>;

/**
 * Starts `rate` refused requests per second from `address` against `origin` in a child
 * process; `stop()` ends it and answers its report.
 *
 * @example
 * const flood = await startFlood({ origin, rate: 300, address: '203.0.113.66' });
 * const report = await flood.stop();
 */
export async function startFlood(options: {
  origin: string;
  rate: number;
  address: string;
}): Promise<{ stop: () => Promise<FloodReport> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', FLOOD_SCRIPT, options.origin, String(options.rate), options.address],
    // From web/, where `tsx` resolves.
    { stdio: ['ignore', 'pipe', 'inherit'], cwd: WEB_DIR },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Node starts in a second or two on a busy machine: the flood counts from its `ready`.
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.startsWith('ready\n')) resolve();
    });
    void exited.then(() => reject(new Error(`the flood process ended: ${output}`)));
  });
  return {
    async stop() {
      child.kill('SIGTERM');
      await exited;
      return floodReportSchema.parse(parseJson(output.trim().split('\n').at(-1) ?? ''));
    },
  };
}

let vinCounter = 0;
/** A valid VIN never used before in this process. */
function nextVin(): string {
  vinCounter += 1;
  const draft = `2HGCM8260PF${String(vinCounter).padStart(6, '0')}`;
  return `${draft.slice(0, 8)}${vinCheckDigit(draft) ?? '0'}${draft.slice(9)}`;
}

/** A signed-in kiosk that pushes transit batches. */
export interface PushingKiosk {
  /** Pushes batches of `batchSize` transits one after the other for `seconds`. */
  pushFor(seconds: number, batchSize?: number): Promise<{ perSecond: number; applied: number }>;
}

/**
 * Signs in as `username` (cookie, `Origin`, and `X-Forwarded-For: address`) and returns a
 * kiosk that pushes transits under `licence` (whose transit cap the caller raised).
 */
export async function pushingKiosk(options: {
  origin: string;
  address: string;
  username?: string;
  licence?: string;
}): Promise<PushingKiosk> {
  const headers = {
    origin: options.origin,
    'content-type': 'application/json',
    'x-forwarded-for': options.address,
  };
  const login = await fetch(`${options.origin}/api/auth/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ username: options.username ?? 'demo-agree', password: 'demo-password' }),
  });
  const account = z
    .object({ account: z.object({ id: z.string() }) })
    .parse(parseJson(await login.text()));
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    async pushFor(seconds, batchSize = 5) {
      let applied = 0;
      const started = performance.now();
      while (performance.now() - started < seconds * 1000) {
        const ops = Array.from({ length: batchSize }, () =>
          transitCommand({
            accountId: account.account.id,
            ...(options.licence && { licence: options.licence }),
            vehicle: vehicle(0, { vin: nextVin() }),
            holder: person(),
          }),
        );
        const response = await fetch(`${options.origin}/api/sync/push`, {
          method: 'POST',
          headers: { ...headers, cookie },
          body: JSON.stringify({ ops }),
        });
        const text = await response.text();
        if (response.status !== 200) {
          throw new Error(`push answered ${String(response.status)}: ${text.slice(0, 300)}`);
        }
        const { results } = pushResponseSchema.parse(parseJson(text));
        applied += results.filter((result) => result.status === 'applied').length;
      }
      const elapsed = (performance.now() - started) / 1000;
      return { perSecond: applied / elapsed, applied };
    },
  };
}

/** The kiosk's rates without and with the flood, measured in turns in one run. */
export interface FloodComparison {
  /** Transits per second without the flood (the mean of its turns). */
  quiet: number;
  /** Transits per second during the flood (the mean of its turns). */
  flooded: number;
  /** The flood's requests per second, as sent. */
  floodRate: number;
  reports: FloodReport[];
}

/**
 * Alternates quiet and flooded turns of `seconds` each (quiet, flooded, quiet, flooded...): a
 * noisy machine's drift then weighs on both sides alike.
 */
export async function compareUnderFlood(options: {
  origin: string;
  kiosk: PushingKiosk;
  rate: number;
  floodAddress: string;
  seconds: number;
  turns: number;
}): Promise<FloodComparison> {
  const quiet: number[] = [];
  const flooded: number[] = [];
  const reports: FloodReport[] = [];
  for (let turn = 0; turn < options.turns; turn += 1) {
    quiet.push((await options.kiosk.pushFor(options.seconds)).perSecond);
    const flood = await startFlood({
      origin: options.origin,
      rate: options.rate,
      address: options.floodAddress,
    });
    // The flood reaches its rate before the kiosk's turn starts.
    await new Promise((resolve) => setTimeout(resolve, 300));
    flooded.push((await options.kiosk.pushFor(options.seconds)).perSecond);
    reports.push(await flood.stop());
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const sent = reports.reduce((sum, report) => sum + report.sent, 0);
  const seconds = reports.reduce((sum, report) => sum + report.seconds, 0);
  return { quiet: mean(quiet), flooded: mean(flooded), floodRate: sent / seconds, reports };
}

/** CPU milliseconds (user + system) process `pid` has used so far (Linux `/proc`). */
export function cpuMsOf(pid: number): number {
  const fields =
    readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
      .split(') ')[1]
      ?.split(' ') ?? [];
  // utime and stime, in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The server's CPU per refused request: a flood alone for `seconds`, the server's CPU time
 * divided by the requests it answered. Unlike a rate, it hardly depends on what else the
 * machine runs.
 */
export async function serverCpuPerFloodRequest(options: {
  origin: string;
  serverPid: number;
  rate: number;
  address: string;
  seconds: number;
}): Promise<number> {
  // A first flood from another address compiles the refusal paths: the figure is the steady
  // cost, not the JIT's.
  const warmUp = await startFlood({ ...options, address: '198.51.100.250' });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await warmUp.stop();
  const flood = await startFlood(options);
  const before = cpuMsOf(options.serverPid);
  await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000));
  const report = await flood.stop();
  const answered = Object.entries(report.statuses)
    .filter(([status]) => status !== 'error')
    .reduce((sum, [, count]) => sum + count, 0);
  return (cpuMsOf(options.serverPid) - before) / Math.max(1, answered);
}
