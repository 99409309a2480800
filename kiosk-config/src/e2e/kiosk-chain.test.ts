import { newId } from '@comptoir/shared';
import { sampleDocument } from '@comptoir/shared/documents';
import { generateSigningKeyPair, importSigningKey, signDocument } from '@comptoir/shared/tokens';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from '../cli-commands.js';

/**
 * The deployment chain, for real: a site file, `comptoir-site` making the CA, the agent's
 * certificate and the kiosk folder, the generated setup trusting the CA in an NSS database of
 * this test's own HOME, the real print agent started from the site file over HTTPS, and
 * Chromium launched with `--ip-address-space-overrides` so the page's server counts as public
 * and the agent as local: the Local Network Access check is real, and the permission is
 * granted through the automation protocol. A page on the server's origin then pairs with the
 * code from the agent's admin page, prints a server-signed transit certificate to a file
 * printer, and reprints it, which the agent marks COPY.
 *
 * The page stands in for the kiosk app (whose UI is built elsewhere) and the small server for
 * the central server (the origin, and the JWKS the agent fetches its keys from).
 */

const chromiumPath = process.env.CHROMIUM_PATH;
if (chromiumPath === undefined || chromiumPath === '')
  throw new Error(
    'CHROMIUM_PATH is unset: run this test through `npm test` (scripts/test-env.mjs), or set CHROMIUM_PATH=/usr/bin/chromium',
  );

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ADMIN_SECRET = 'e2e-admin-secret-0123456789';
const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const scratch = await mkdtemp(join(tmpdir(), 'comptoir-chain-'));
const kioskHome = join(scratch, 'home');
const printedDir = join(scratch, 'printed');
const caDir = join(scratch, 'ca');

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

const cli = async (...argv: string[]): Promise<string> => {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    cwd: scratch,
    env: {},
  });
  if (code !== 0) throw new Error(`comptoir-site ${argv.join(' ')} failed (${code}): ${err}`);
  return out;
};

/** GET on the agent from Node, trusting only the site CA. */
const agentGet = (url: string, ca: string, headers: Record<string, string>): Promise<string> =>
  new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(body)
          : reject(new Error(`HTTP ${res.statusCode}: ${body}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });

let webServer: Server;
let agent: ChildProcess;
let agentLog = '';
let browser: Browser;
let webOrigin: string;
let agentUrl: string;
let jwks: { keys: unknown[] };

beforeAll(async () => {
  const keyPair = await generateSigningKeyPair();
  jwks = { keys: [keyPair.publicJwk] };

  // The "server": the kiosk page and the JWKS, on a loopback port Chromium will call public.
  webServer = createHttpServer((req, res) => {
    if (req.url === '/.well-known/jwks.json')
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end('<!doctype html><title>Comptoir</title><p>kiosk');
  });
  await new Promise<void>((resolve) => webServer.listen(0, '127.0.0.1', resolve));
  const webPort = (webServer.address() as AddressInfo).port;
  webOrigin = `http://127.0.0.1:${webPort}`;
  const agentPort = await freePort();

  const sitePath = join(scratch, 'site.json');
  await writeFile(
    sitePath,
    JSON.stringify({
      schemaVersion: 1,
      id: 'e2e',
      dealer: { name: 'Autos Chaîne inc.', neq: '1234567890', licence: 'L-100001' },
      server: { origin: webOrigin },
      agent: {
        host: '127.0.0.1',
        port: agentPort,
        tls: {
          certFile: join(scratch, 'tls', 'agent.crt'),
          keyFile: join(scratch, 'tls', 'agent.key'),
        },
        dataDir: join(scratch, 'agent-data'),
      },
      printers: [
        {
          id: 'laser',
          name: 'Laser (fichiers)',
          driver: 'file',
          directory: printedDir,
          roles: ['plate', 'certificate', 'atac'],
        },
      ],
      kiosks: [{ id: 'e2e-kiosk', name: 'Kiosque E2E', location: 'showroom' }],
    }),
  );
  await cli('validate', sitePath);
  await cli('ca', 'init', '--dir', caDir, '--name', 'Comptoir CA e2e');
  await cli('cert', 'agent', sitePath, '--ca', caDir);
  await cli('launch', sitePath, 'e2e-kiosk', '--ca', caDir, '--out', join(scratch, 'kiosk'));
  // The generated setup, run for real but into this test's HOME and policy folder.
  await run('sh', [join(scratch, 'kiosk', 'kiosk-setup.sh')], {
    env: {
      ...process.env,
      COMPTOIR_KIOSK_USER: userInfo().username,
      COMPTOIR_KIOSK_HOME: kioskHome,
      COMPTOIR_POLICY_DIR: join(scratch, 'policies'),
    },
  });

  // The real print agent, started from the site file.
  agent = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'print-agent', 'src', 'main.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        AGENT_SITE: sitePath,
        AGENT_ADMIN_SECRET: ADMIN_SECRET,
        COMPTOIR_FAULTS: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  agentUrl = `https://127.0.0.1:${agentPort}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`agent did not start:\n${agentLog}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      agentLog += chunk.toString();
      if (agentLog.includes(agentUrl)) {
        clearTimeout(timer);
        resolve();
      }
    };
    agent.stdout?.on('data', onData);
    agent.stderr?.on('data', onData);
    agent.on('exit', (code) => reject(new Error(`agent exited (${String(code)}):\n${agentLog}`)));
  });

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      ...CHROMIUM_ARGS,
      `--ip-address-space-overrides=127.0.0.1:${webPort}=public,127.0.0.1:${agentPort}=local`,
    ],
    // Chromium on Linux reads trusted CAs from $HOME/.pki/nssdb: the one the setup filled.
    env: { ...process.env, HOME: kioskHome },
  });

  const signingKey = await importSigningKey(keyPair.privateJwk);
  const transit = sampleDocument('transit', {
    number: `TR-E2E-${Date.now()}`,
    issuedAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    issuedBy: { signer: 'server', kid: keyPair.kid },
  });
  documentNumber = transit.number;
  documentJws = await signDocument(transit, signingKey);
}, 120_000);

let documentNumber: string;
let documentJws: string;

afterAll(async () => {
  await browser?.close();
  if (agent !== undefined && agent.exitCode === null) {
    const exited = new Promise((resolve) => agent.once('exit', resolve));
    agent.kill('SIGTERM');
    await exited;
  }
  await new Promise<void>((resolve) => webServer?.close(() => resolve()));
  await rm(scratch, { recursive: true, force: true });
});

const jobSchema = z.object({
  jobId: z.string(),
  state: z.string(),
  mark: z.enum(['original', 'copy']),
  printer: z.string(),
});

/** What the page reports of one fetch to the agent. */
const fetchResultSchema = z.union([
  z.object({ ok: z.literal(true), status: z.number(), body: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

describe('kiosk to agent, through Local Network Access, HTTPS and the site CA', () => {
  it('is blocked without the Local Network Access permission', { timeout: 30_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(webOrigin);
    const result = fetchResultSchema.parse(
      await page.evaluate(async (url) => {
        try {
          // @ts-expect-error targetAddressSpace is not in TypeScript's RequestInit yet.
          const response = await fetch(`${url}/health`, {
            targetAddressSpace: 'local',
            signal: AbortSignal.timeout(3000),
          });
          return { ok: true, status: response.status, body: await response.text() };
        } catch (error) {
          return { ok: false, error: String(error) };
        }
      }, agentUrl),
    );
    expect(result.ok).toBe(false);
    await context.close();
  });

  it('pairs, prints a signed transit, and reprints it as COPY', { timeout: 120_000 }, async () => {
    const context = await browser.newContext();
    // The grant a managed kiosk gets from its policy, given here through the automation protocol.
    await context.grantPermissions(['local-network-access'], { origin: webOrigin });
    const page = await context.newPage();
    await page.goto(webOrigin);

    const adminPage = await agentGet(
      `${agentUrl}/admin`,
      await readFile(join(caDir, 'ca.crt'), 'utf8'),
      {
        'x-agent-admin-secret': ADMIN_SECRET,
      },
    );
    const code = /class="code">([^<]+)</.exec(adminPage)?.[1];
    expect(code).toBeDefined();

    const call = async (
      path: string,
      init: { method?: string; token?: string; body?: unknown } = {},
    ) =>
      fetchResultSchema.parse(
        await page.evaluate(
          async ({ url, method, token, body }) => {
            try {
              const response = await fetch(url, {
                method,
                // @ts-expect-error targetAddressSpace is not in TypeScript's RequestInit yet.
                targetAddressSpace: 'local',
                headers: {
                  ...(body === undefined ? {} : { 'content-type': 'application/json' }),
                  ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
                },
                ...(body === undefined ? {} : { body: JSON.stringify(body) }),
              });
              return { ok: true, status: response.status, body: await response.json() };
            } catch (error) {
              return { ok: false, error: String(error) };
            }
          },
          {
            url: `${agentUrl}${path}`,
            method: init.method ?? 'GET',
            token: init.token,
            body: init.body,
          },
        ),
      );

    const health = await call('/health');
    expect(health).toMatchObject({ ok: true, status: 200 });

    const paired = await call('/pair', { method: 'POST', body: { code, label: 'e2e-kiosk' } });
    expect(paired).toMatchObject({ ok: true, status: 201 });
    const token = z.object({ body: z.object({ token: z.string() }) }).parse(paired).body.token;

    const waitPrinted = async (jobId: string) => {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const result = await call(`/jobs/${jobId}`, { token });
        const job = jobSchema.parse(z.object({ body: z.unknown() }).parse(result).body);
        if (job.state === 'printed' || job.state === 'spooled') return job;
        if (job.state === 'failed' || job.state === 'held')
          throw new Error(`job ${job.state}: ${JSON.stringify(result)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`job ${jobId} did not print:\n${agentLog}`);
    };

    const original = newId();
    const first = await call('/jobs', {
      method: 'POST',
      token,
      body: { jobId: original, document: documentJws, role: 'certificate' },
    });
    expect(first).toMatchObject({ ok: true, status: 202 });
    expect(await waitPrinted(original)).toMatchObject({ mark: 'original', printer: 'laser' });

    const reprint = newId();
    const second = await call('/jobs', {
      method: 'POST',
      token,
      body: { jobId: reprint, document: documentJws, role: 'certificate', reprint: true },
    });
    expect(second).toMatchObject({ ok: true, status: 202 });
    expect(await waitPrinted(reprint)).toMatchObject({ mark: 'copy' });

    // Two PDFs on the "paper"; the second says COPY.
    const printed = (await readdir(printedDir)).filter((name) => name.endsWith('.pdf')).sort();
    expect(printed).toHaveLength(2);
    const texts = await Promise.all(
      printed.map(async (name) => (await run('pdftotext', [join(printedDir, name), '-'])).stdout),
    );
    expect(texts.every((text) => text.includes(documentNumber))).toBe(true);
    expect(texts.filter((text) => /COPIE|COPY/.test(text))).toHaveLength(1);
    await context.close();
  });
});

describe('without the site CA in the kiosk user NSS database', () => {
  it('Chromium refuses the agent certificate', { timeout: 60_000 }, async () => {
    const bareHome = join(scratch, 'bare-home');
    await mkdir(bareHome, { recursive: true });
    const untrusting = await chromium.launch({
      executablePath: chromiumPath,
      args: CHROMIUM_ARGS,
      env: { ...process.env, HOME: bareHome },
    });
    try {
      const page = await untrusting.newPage();
      const failure = await page.goto(`${agentUrl}/health`).then(
        () => 'loaded',
        (error: unknown) => String(error),
      );
      expect(failure).toMatch(/ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await untrusting.close();
    }
  });
});
