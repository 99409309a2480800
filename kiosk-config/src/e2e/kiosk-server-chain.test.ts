import { newId, sessionInfoSchema } from '@comptoir/shared';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  agentClient,
  deploySite,
  freePort,
  launchKioskBrowser,
  okBody,
  pageFetch,
  pairingCodeFromAdminPage,
  printedTexts,
  repoRoot,
  requireChromiumPath,
  run,
  startAgent,
  type DeployedSite,
  type RunningAgent,
} from './chain-harness.js';

/**
 * The whole chain of the issue, with the real central server (its production build, SQLite,
 * demo data): the site deployed with `comptoir-site`, Chromium with the Local Network Access
 * overrides (the server public, the agent local) and the permission granted through the
 * automation protocol, the agent over HTTPS with the generated certificate trusted through the
 * kiosk HOME's NSS database. A page on the server's origin signs in, issues a transit through
 * the sync endpoint, pairs with the agent (code from its admin page), prints the server-signed
 * document, reprints it as COPY, reports both outcomes, and the server's audit log shows both.
 */
const chromiumPath = requireChromiumPath();
const builtServer = join(repoRoot, 'web', 'build', 'index.js');
if (!existsSync(builtServer))
  throw new Error(
    `${builtServer} is missing: build first (npm run build -w @comptoir/web; npm test does)`,
  );

const ADMIN_SECRET = 'e2e-admin-secret-0123456789';
const KIOSK_ID = 'e2e-kiosk';
const scratch = await mkdtemp(join(tmpdir(), 'comptoir-server-chain-'));
const serverDataDir = join(scratch, 'server-data');

let server: ChildProcess;
let serverLog = '';
let serverOrigin: string;
let site: DeployedSite;
let agent: RunningAgent | undefined;
let browser: Browser;

const startServer = async (port: number): Promise<void> => {
  serverOrigin = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [builtServer], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      ORIGIN: serverOrigin,
      COMPTOIR_DATA_DIR: serverDataDir,
      COMPTOIR_DEMO: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited:\n${serverLog}`);
    // The JWKS route opens the database (migrations, demo seed): ready when it answers.
    const ready = await fetch(`${serverOrigin}/.well-known/jwks.json`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`server did not start:\n${serverLog}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
};

beforeAll(async () => {
  const serverPort = await freePort();
  const agentPort = await freePort();
  await startServer(serverPort);
  site = await deploySite(scratch, { serverOrigin, agentPort, kioskId: KIOSK_ID });
  agent = await startAgent(site, ADMIN_SECRET);
  browser = await launchKioskBrowser(chromiumPath, {
    kioskHome: site.kioskHome,
    serverPort,
    agentPort,
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
  if (server !== undefined && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await rm(scratch, { recursive: true, force: true });
});

const pushResponseSchema = z.object({
  results: z.array(
    z.object({
      status: z.string(),
      result: z
        .object({ documents: z.array(z.object({ kind: z.string(), number: z.string() })) })
        .optional(),
      error: z.unknown().optional(),
    }),
  ),
});

/** Runs a check, adding the end of the server's log to its failure (a 500 says nothing else). */
const withServerLog = <T>(check: () => T): T => {
  try {
    return check();
  } catch (error) {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\nserver log:\n${serverLog.slice(-4000)}`,
    );
  }
};

/** Sends one command through the sync endpoint, as the kiosk's outbox does. */
const push = async (page: Page, command: Record<string, unknown>) => {
  const result = await pageFetch(page, `${serverOrigin}/api/sync/push`, {
    method: 'POST',
    body: { ops: [command] },
  });
  const [first] = pushResponseSchema.parse(withServerLog(() => okBody(result, 200))).results;
  if (first?.status !== 'applied')
    throw new Error(`command not applied: ${JSON.stringify(result)}`);
  return first;
};

describe('the whole chain, with the real server', () => {
  it(
    'issues a transit, prints it, reprints it as COPY, and the audit shows both prints',
    { timeout: 180_000 },
    async () => {
      const context = await browser.newContext();
      await context.grantPermissions(['local-network-access'], { origin: serverOrigin });
      const page = await context.newPage();
      // A page of the app, as the kiosk is: API answers carry `default-src 'none'`, which would
      // forbid the page's own fetches; the app's pages allow the server and the agent.
      await page.goto(`${serverOrigin}/verifier/T-2026-000000`);

      const session = sessionInfoSchema.parse(
        okBody(
          await pageFetch(page, `${serverOrigin}/api/auth/login`, {
            method: 'POST',
            body: { username: 'demo-agree', password: 'demo-password' },
          }),
          200,
        ),
      );
      const envelope = () => ({
        id: newId(),
        v: 1,
        licence: 'L-100001',
        kioskId: KIOSK_ID,
        actor: { accountId: session.account.id },
        createdAt: new Date().toISOString(),
      });

      const issued = await push(page, {
        ...envelope(),
        type: 'transit.issue',
        payload: {
          vehicle: {
            vin: '2HGFC2F55PH000101',
            make: 'Honda',
            model: 'Civic',
            year: 2023,
            type: 'automobile',
            netMassKg: 1300,
            condition: 'used',
            odometerKm: 42_000,
          },
          holder: {
            kind: 'person',
            firstName: 'Marie',
            lastName: 'Tremblay',
            driverLicence: 'T123456789012',
            address: {
              line1: '12 rue Principale',
              city: 'Saint-Jérôme',
              province: 'QC',
              postalCode: 'J7Z 1A1',
            },
          },
          days: 10,
          reason: 'register_at_service_point',
        },
      });
      const number = issued.result?.documents[0]?.number;
      if (number === undefined) throw new Error('no document number');
      const documentEnvelope = z
        .object({ jws: z.string(), qrToken: z.string(), printCount: z.number() })
        .parse(okBody(await pageFetch(page, `${serverOrigin}/api/documents/${number}`), 200));
      expect(documentEnvelope.printCount).toBe(0);

      const client = await agentClient(
        page,
        site,
        await pairingCodeFromAdminPage(site, ADMIN_SECRET),
      );
      const jobs = [];
      for (const reprint of [false, true]) {
        const job = await client.print({
          jobId: newId(),
          document: documentEnvelope.jws,
          qrToken: documentEnvelope.qrToken,
          role: 'certificate',
          reprint,
        });
        jobs.push(job);
        await push(page, {
          ...envelope(),
          type: 'print.outcome',
          payload: {
            documentNumber: number,
            documentKind: 'transit',
            printer: job.printer,
            copy: job.mark === 'copy',
            status: job.state,
            jobId: job.jobId,
          },
        });
      }
      expect(jobs.map((job) => job.mark)).toEqual(['original', 'copy']);

      const texts = await printedTexts(site.printedDir);
      expect(texts).toHaveLength(2);
      expect(texts.every((text) => text.includes(number))).toBe(true);
      expect(texts.filter((text) => /COPIE|COPY/.test(text))).toHaveLength(1);

      const after = z
        .object({ printCount: z.number() })
        .parse(okBody(await pageFetch(page, `${serverOrigin}/api/documents/${number}`), 200));
      expect(after.printCount).toBe(2);

      // The audit log, read from the server's SQLite file with the sqlite3 tool (a verifier only).
      const { stdout } = await run('sqlite3', [
        '-json',
        join(serverDataDir, 'comptoir.sqlite'),
        `select event, detail_json from audit_log where subject = '${number}' and event = 'document.printed' order by seq`,
      ]);
      const rows = z
        .array(z.object({ event: z.string(), detail_json: z.string() }))
        .parse(JSON.parse(stdout));
      const details = rows.map((row) =>
        z.object({ copy: z.boolean(), jobId: z.string() }).parse(JSON.parse(row.detail_json)),
      );
      expect(details).toEqual([
        { ...details[0], copy: false, jobId: jobs[0]?.jobId },
        { ...details[1], copy: true, jobId: jobs[1]?.jobId },
      ]);
      await context.close();
    },
  );
});
