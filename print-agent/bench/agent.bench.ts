/**
 * Print agent benchmarks (run: `node --import tsx bench/agent.bench.ts`, cwd print-agent/).
 * Prints one `BENCH {json}` line per figure.
 *
 * - latency: job accepted (the 202 arrived) -> last byte at a fake TCP printer, p50/p95, one
 *   job at a time and 20 at once, beside the floor: a direct socket write of the same bytes;
 * - throughput: jobs per second through the whole agent (verify, ledger, render, send);
 * - memory: resident set of the agent process, idle and after 1,000 jobs.
 * The agent runs as a real child process (the built `dist/main.js`): measured in-process, the
 * client's own promise would wait behind the agent's rendering on the same event loop.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pairResponseSchema } from '@comptoir/shared';
import { renderDocumentPdf } from '@comptoir/shared/documents';
import { createTestSigner, provisionalPlate, type TestSigner } from '../src/testing/documents.js';
import { writeFakePrinterSite } from '../src/testing/fake-printer-site.js';
import { FakePrinter } from '../src/testing/fake-printer.js';
import { freePort } from '../src/testing/free-port.js';

function bench(
  name: string,
  figure: number,
  unit: string,
  extra: Record<string, unknown> = {},
): void {
  console.log(
    `BENCH ${JSON.stringify({ name, figure: Math.round(figure * 10) / 10, unit, ...extra })}`,
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The floor: connect, write the bytes, wait for the printer to close, as the raw driver does. */
function directSend(port: number, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(bytes));
    socket.on('error', reject);
    socket.on('close', () => resolve());
    socket.resume();
  });
}

/** `npm start`'s node flags, read from the agent's own package.json so the two never drift. */
const AGENT_FLAGS = (
  /^node ((?:--\S+ )*)dist\/main\.js$/.exec(
    (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts
      .start,
  )?.[1] ?? ''
)
  .trim()
  .split(' ')
  .filter(Boolean);

/** Jobs after which the agent's memory is reported: the target is read at 1,000 and at 5,000. */
const TOTAL_JOBS = Number(process.env.AGENT_BENCH_JOBS ?? 5000);

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? NaN) / 1024;
}

async function runBench(signer: TestSigner): Promise<void> {
  const printer = await FakePrinter.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-agent-bench-'));
  const port = await freePort();
  const sitePath = join(dataDir, 'site.json');
  writeFakePrinterSite({ sitePath, dataDir, agentPort: port, printerPort: printer.port, signer });
  // The built agent when there is one, with `npm start`'s flags: a small young generation
  // (rendering churns short-lived buffers) and a 64 MB old generation (the live heap is about
  // 30 MB; without a cap V8 lets garbage grow the heap past 60 MB before collecting it).
  const flags = AGENT_FLAGS;
  const args = existsSync('dist/main.js')
    ? [...flags, 'dist/main.js']
    : [...flags, '--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, AGENT_SITE: sitePath, AGENT_ADMIN_SECRET: 'bench-admin-secret' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const deadline = Date.now() + 30_000;
  while (!/Pairing code: (\d{8})/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`agent did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const code = /Pairing code: (\d{8})/.exec(output)?.[1] ?? '';
  const url = `http://127.0.0.1:${port}`;
  const paired = pairResponseSchema.parse(
    await (
      await fetch(`${url}/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      })
    ).json(),
  );
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const idle = rssMb(child.pid ?? 0);
  const documents = await Promise.all(
    Array.from({ length: 50 }, () => signer.sign(provisionalPlate(signer.key.kid))),
  );
  let submitted = 0;

  /** Submits one job, waiting out the agent's rate limit (it applies to the bench too). */
  async function submit(): Promise<number> {
    const index = submitted++;
    for (;;) {
      const response = await fetch(`${url}/jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${paired.token}` },
        body: JSON.stringify({
          jobId: randomUUID(),
          document: documents[index % documents.length],
          role: 'plate',
        }),
      });
      await response.arrayBuffer();
      if (response.status === 202) return performance.now();
      if (response.status !== 429) throw new Error(`job refused: ${response.status}`);
      await new Promise((resolve) =>
        setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000),
      );
    }
  }

  /** Sends `count` jobs at once; each one's accepted (202 received) -> last byte at the printer. */
  async function burst(count: number): Promise<number[]> {
    const before = printer.jobs.length;
    const accepted = (await Promise.all(Array.from({ length: count }, submit))).sort(
      (a, b) => a - b,
    );
    const received = (await printer.waitForJobs(before + count, 120_000)).slice(before);
    // One serial queue, in acceptance order: the i-th accepted is the i-th to arrive.
    return received.map((job, i) => job.lastByteAt - (accepted[i] ?? job.lastByteAt));
  }

  await burst(3); // warm-up: JIT, fonts, SQLite pages
  const single: number[] = [];
  for (let i = 0; i < 30; i++) single.push(...(await burst(1)));
  const concurrent: number[] = [];
  const started = performance.now();
  for (let i = 0; i < 5; i++) concurrent.push(...(await burst(20)));
  const jobsPerSecond = 100 / ((performance.now() - started) / 1000);

  const bytes = await renderDocumentPdf(provisionalPlate(signer.key.kid), {
    mark: 'original',
    qrUrl: 'https://x.test/verifier/1',
  });
  const floor: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    await directSend(printer.port, bytes);
    floor.push(performance.now() - t0);
  }
  const floorName = `direct socket write of the same ${bytes.length}-byte PDF`;
  bench('agent: accepted -> last byte, 1 job, p50', percentile(single, 50), 'ms', {
    baseline: percentile(floor, 50),
    baselineName: `${floorName}, p50`,
    note: 'the agent renders the real layout (QR, fonts) before sending',
  });
  bench('agent: accepted -> last byte, 1 job, p95', percentile(single, 95), 'ms', {
    baseline: percentile(floor, 95),
    baselineName: `${floorName}, p95`,
  });
  bench('agent: accepted -> last byte, 20 concurrent, p50', percentile(concurrent, 50), 'ms', {
    baseline: percentile(floor, 50),
    baselineName: `${floorName}, p50`,
    note: 'one serial queue per printer: the 20th job waits for 19 renders and sends',
  });
  bench('agent: accepted -> last byte, 20 concurrent, p95', percentile(concurrent, 95), 'ms', {
    baseline: percentile(floor, 95),
    baselineName: `${floorName}, p95`,
  });
  bench('agent: jobs per second (20 concurrent, one printer)', jobsPerSecond, 'jobs/s', {
    baseline: 1000 / percentile(floor, 50),
    baselineName: 'direct socket writes per second',
  });

  bench('agent process RSS idle', idle, 'MB', {
    note: `aim <= 120 MB; node flags: ${AGENT_FLAGS.join(' ')}`,
  });
  // Each figure as soon as it is measured: 5,000 jobs take minutes on a busy machine.
  for (const jobs of [1000, 5000].filter((mark) => mark <= TOTAL_JOBS)) {
    while (submitted < jobs) await burst(Math.min(20, jobs - submitted));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rss = rssMb(child.pid ?? 0);
    bench(`agent process RSS after ${jobs.toLocaleString('en')} jobs`, rss, 'MB', {
      baseline: idle,
      baselineName: 'idle RSS',
      note: 'aim <= 120 MB and flat from 1,000 to 5,000 (main before #18: 92 MB idle, 199 MB after 1,000)',
    });
  }
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await printer.close();
  rmSync(dataDir, { recursive: true, force: true });
}

await runBench(await createTestSigner());
