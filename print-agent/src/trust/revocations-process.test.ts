import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pairResponseSchema } from '@comptoir/shared';
import { signRevocationFeed } from '@comptoir/shared/tokens';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSigner, provisionalPlate, type TestSigner } from '../testing/documents.js';
import { writeFakePrinterSite } from '../testing/fake-printer-site.js';
import { FakePrinter } from '../testing/fake-printer.js';
import { freePort } from '../testing/free-port.js';
import { eventually } from '../testing/test-agent.js';

const packageDir = join(import.meta.dirname, '..', '..');

/** The agent as a real process; its site pins the test key and its JWKS URL answers nothing. */
async function startAgent(
  sitePath: string,
): Promise<{ child: ChildProcess; url: string; code: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: packageDir,
    env: {
      ...process.env,
      AGENT_SITE: sitePath,
      AGENT_ADMIN_SECRET: 'process-test-secret',
      COMPTOIR_FAULTS: '',
    },
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
  return { child, ...ready };
}

// The server is down the whole time (the site's JWKS URL answers nothing): what the agent knew
// was voided before a restart, it still refuses after it.
describe('the agent process keeps its revocation feeds across a restart', () => {
  let signer: TestSigner;
  let printer: FakePrinter;
  let dataDir: string;
  let sitePath: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    signer = await createTestSigner();
    printer = await FakePrinter.start();
    dataDir = mkdtempSync(join(tmpdir(), 'comptoir-agent-revocations-'));
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

  async function post(url: string, token: string, path: string, body: unknown) {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as unknown };
  }

  it('refuses a voided plate after a restart with the server down', async () => {
    const first = await startAgent(sitePath);
    children.push(first.child);
    const paired = await fetch(`${first.url}/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: first.code }),
    });
    const { token } = pairResponseSchema.parse(await paired.json());
    const plate = provisionalPlate(signer.key.kid);
    const feed = await signRevocationFeed(
      {
        dealer: 'dealer-1',
        sequence: 3,
        issuedAt: new Date().toISOString(),
        revoked: [{ number: plate.number, kind: plate.kind }],
      },
      signer.key,
    );
    expect((await post(first.url, token, '/revocations', { feed })).status).toBe(200);
    first.child.kill('SIGTERM');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await startAgent(sitePath);
    children.push(second.child);
    const job = { jobId: randomUUID(), document: await signer.sign(plate), role: 'plate' };
    const refused = await post(second.url, token, '/jobs', job);
    expect(refused).toMatchObject({ status: 422, json: { code: 'document_voided' } });
    // The older feed it might be handed next is still refused.
    const older = await signRevocationFeed(
      { dealer: 'dealer-1', sequence: 2, issuedAt: new Date().toISOString(), revoked: [] },
      signer.key,
    );
    expect((await post(second.url, token, '/revocations', { feed: older })).status).toBe(409);
    expect(printer.jobs).toHaveLength(0);
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
    // Two process starts on a shared 2-core box: more than the default minute, at times.
  }, 120_000);
});
