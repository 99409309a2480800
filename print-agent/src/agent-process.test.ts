import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { pairResponseSchema, printJobListSchema, printJobSchema } from '@comptoir/shared';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSigner, provisionalPlate, type TestSigner } from './testing/documents.js';
import { writeFakePrinterSite } from './testing/fake-printer-site.js';
import { FakePrinter } from './testing/fake-printer.js';
import { freePort } from './testing/free-port.js';
import { eventually } from './testing/test-agent.js';

/** The agent as a real child process (`src/main.ts` through tsx), its console read as it runs. */
interface AgentProcess {
  child: ChildProcess;
  url: string;
  pairingCode: string;
  output: () => string;
}

const packageDir = join(import.meta.dirname, '..');

async function startAgentProcess(
  env: Record<string, string>,
  args: string[] = [],
): Promise<AgentProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: packageDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const ready = await eventually(() => {
    if (child.exitCode !== null) throw new Error(`agent exited: ${output}`);
    const url = /listening on (\S+)/.exec(output)?.[1];
    const code = /Pairing code: (\d{8})/.exec(output)?.[1];
    return url && code ? { url, code } : undefined;
  }, 30_000);
  return { child, url: ready.url, pairingCode: ready.code, output: () => output };
}

/** The text of a PDF, by poppler's pdftotext. */
async function pdfText(bytes: Buffer): Promise<string> {
  const child = spawn('pdftotext', ['-', '-'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stdin.end(bytes);
  await new Promise((resolve) => child.once('close', resolve));
  return text;
}

describe('the agent process: kill -9 mid-send, restart', () => {
  let signer: TestSigner;
  let printer: FakePrinter;
  let dataDir: string;
  let sitePath: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    signer = await createTestSigner();
    printer = await FakePrinter.start();
    dataDir = mkdtempSync(join(tmpdir(), 'comptoir-agent-proc-'));
    sitePath = join(dataDir, 'site.json');
    writeFakePrinterSite({
      sitePath,
      dataDir,
      agentPort: await freePort(),
      printerPort: printer.port,
      signer,
    });
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await printer.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (faults: string): Record<string, string> => ({
    AGENT_SITE: sitePath,
    AGENT_ADMIN_SECRET: 'process-test-secret',
    COMPTOIR_FAULTS: faults,
  });

  async function call(agent: AgentProcess, token: string, path: string, body?: unknown) {
    const response = await fetch(`${agent.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json: unknown = await response.json();
    return { status: response.status, json };
  }

  /** A job as the agent answers it, read with the shared schema the kiosk uses. */
  async function jobOf(agent: AgentProcess, token: string, id: string) {
    return printJobSchema.parse((await call(agent, token, `/jobs/${id}`)).json);
  }

  it('prints the queued jobs once, and keeps the mid-send one "to check" until a person decides', async () => {
    const first = await startAgentProcess(env('agent.before-send=hang'));
    children.push(first.child);
    const paired = await fetch(`${first.url}/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: first.pairingCode }),
    });
    const { token } = pairResponseSchema.parse(await paired.json());

    const jobIds = [randomUUID(), randomUUID(), randomUUID()];
    const plates = jobIds.map(() => provisionalPlate(signer.key.kid));
    for (const [index, jobId] of jobIds.entries()) {
      const document = await signer.sign(plates[index] ?? provisionalPlate(signer.key.kid));
      expect((await call(first, token, '/jobs', { jobId, document, role: 'plate' })).status).toBe(
        202,
      );
    }
    const [midSend, ...queued] = jobIds as [string, string, string];
    await eventually(async () => (await jobOf(first, token, midSend)).state === 'sending');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(printer.jobs).toHaveLength(0);

    // Restarted the way a service file may write it: `--site <file>` instead of AGENT_SITE.
    const second = await startAgentProcess({ ...env(''), AGENT_SITE: '' }, ['--site', sitePath]);
    children.push(second.child);
    expect(second.output()).toMatch(/1 job\(s\) interrupted while sending/);
    await printer.waitForJobs(2);
    for (const jobId of queued) {
      await eventually(async () => (await jobOf(second, token, jobId)).state === 'spooled');
    }
    expect((await jobOf(second, token, midSend)).state).toBe('to_check');
    const toCheck = await call(second, token, '/jobs?state=to_check');
    expect(printJobListSchema.parse(toCheck.json).jobs.map((job) => job.jobId)).toContain(midSend);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(printer.jobs).toHaveLength(2);

    const decided = await call(second, token, `/jobs/${midSend}/confirm-reprint`, {
      decision: 'reprint',
    });
    expect(decided.status).toBe(200);
    expect(printJobSchema.parse(decided.json).mark).toBe('copy');
    const printed = await printer.waitForJobs(3);
    // The child renders with the real shared layouts: read the paper back.
    const texts = await Promise.all(printed.map((job) => pdfText(job.bytes)));
    expect(texts[0]).toContain(plates[1]?.plateNumber);
    expect(texts[0]).not.toContain('COPIE');
    expect(texts[2]).toContain(plates[0]?.plateNumber);
    expect(texts[2]).toContain('COPIE');
    await eventually(async () => (await jobOf(second, token, midSend)).state === 'spooled');

    second.child.kill('SIGTERM');
    const exitCode = await new Promise((resolve) => second.child.once('exit', resolve));
    expect(exitCode).toBe(0);
  });
});

describe('the agent process with nothing configured (what `npm start` runs)', () => {
  it('generates its admin secret (0600, its path logged, not itself), fetches the server keys, prints to files, stops on SIGINT', async () => {
    const signer = await createTestSigner();
    const jwks = new Hono().get('/.well-known/jwks.json', (c) =>
      c.json({ keys: [signer.publicJwk] }),
    );
    const jwksServer = await new Promise<ServerType>((resolve) => {
      const started: ServerType = serve({ fetch: jwks.fetch, hostname: '127.0.0.1', port: 0 }, () =>
        resolve(started),
      );
    });
    const jwksAddress = jwksServer.address();
    const jwksPort = typeof jwksAddress === 'object' && jwksAddress ? jwksAddress.port : 0;
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-agent-default-'));
    const agent = await startAgentProcess({
      AGENT_DATA_DIR: dataDir,
      AGENT_PORT: String(await freePort()),
      AGENT_JWKS_URL: `http://127.0.0.1:${jwksPort}/.well-known/jwks.json`,
      AGENT_ADMIN_SECRET: '',
      AGENT_SITE: '',
      COMPTOIR_FAULTS: '',
    });
    try {
      const secret = readFileSync(join(dataDir, 'admin-secret'), 'utf8').trim();
      expect(statSync(join(dataDir, 'admin-secret')).mode & 0o777).toBe(0o600);
      // Its output is a pipe, not a terminal: the log names the file, never the secret.
      expect(agent.output()).not.toContain(secret);
      expect(agent.output()).toContain(join(dataDir, 'admin-secret'));
      const paired = await fetch(`${agent.url}/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: agent.pairingCode }),
      });
      const { token } = pairResponseSchema.parse(await paired.json());
      const jobId = randomUUID();
      const response = await fetch(`${agent.url}/jobs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          jobId,
          document: await signer.sign(provisionalPlate(signer.key.kid)),
          role: 'atac',
        }),
      });
      expect(response.status).toBe(202);
      const printed = join(dataDir, 'printed');
      const file = await eventually(
        () =>
          existsSync(printed) &&
          readdirSync(printed).find((f) => f.includes(jobId) && f.endsWith('.pdf')),
      );
      expect(readFileSync(join(printed, file)).subarray(0, 5).toString()).toBe('%PDF-');
      agent.child.kill('SIGINT');
      expect(await new Promise((resolve) => agent.child.once('exit', resolve))).toBe(0);
    } finally {
      if (agent.child.exitCode === null) agent.child.kill('SIGKILL');
      await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
