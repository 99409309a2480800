import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { z } from 'zod';
import { runCli } from '../cli-commands.js';

/**
 * What the end-to-end chain tests share: deploying a site with `comptoir-site` exactly as the
 * README says (into a scratch folder and a test HOME, never system-wide), the real print agent
 * started from the site file, Chromium with the Local Network Access overrides, and fetches
 * from a page to the agent.
 */

/** Debian's Chromium, from the test environment; a missing variable fails the run, never skips it. */
export const requireChromiumPath = (): string => {
  const path = process.env.CHROMIUM_PATH;
  if (path === undefined || path === '')
    throw new Error(
      'CHROMIUM_PATH is unset: run this test through `npm test` (scripts/test-env.mjs), or set CHROMIUM_PATH=/usr/bin/chromium',
    );
  return path;
};

/** The launch arguments every Comptoir test gives Chromium on this machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A free TCP port on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });

/** Runs `comptoir-site` in-process in `cwd`; throws with its message on a non-zero exit. */
export const comptoirSite = async (cwd: string, ...argv: string[]): Promise<string> => {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    cwd,
    env: {},
  });
  if (code !== 0) throw new Error(`comptoir-site ${argv.join(' ')} failed (${code}): ${err}`);
  return out;
};

/** A site deployed into a scratch folder. */
export interface DeployedSite {
  sitePath: string;
  caDir: string;
  caPem: string;
  /** The kiosk user's HOME, whose NSS database trusts the site CA. */
  kioskHome: string;
  agentUrl: string;
  printedDir: string;
}

/**
 * Writes a site file (agent on 127.0.0.1 over HTTPS, one letter file printer), then follows the
 * README: validate, `ca init`, `cert agent`, `launch`, and runs the generated `kiosk-setup.sh`
 * with the kiosk user's HOME and the policy folder inside `scratch`.
 */
export const deploySite = async (
  scratch: string,
  options: { serverOrigin: string; agentPort: number; kioskId: string },
): Promise<DeployedSite> => {
  const caDir = join(scratch, 'ca');
  const kioskHome = join(scratch, 'home');
  const printedDir = join(scratch, 'printed');
  const sitePath = join(scratch, 'site.json');
  await mkdir(printedDir, { recursive: true });
  await writeFile(
    sitePath,
    JSON.stringify({
      $schema: '../site.schema.json',
      schemaVersion: 1,
      id: 'e2e',
      dealer: { name: 'Autos Laurentides inc.', neq: '1161234567', licence: 'L-100001' },
      server: { origin: options.serverOrigin },
      agent: {
        host: '127.0.0.1',
        port: options.agentPort,
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
      kiosks: [
        { id: options.kioskId, name: 'Kiosque E2E', location: 'showroom', idleLockMinutes: 10 },
      ],
    }),
  );
  await comptoirSite(scratch, 'validate', sitePath);
  await comptoirSite(scratch, 'ca', 'init', '--dir', caDir, '--name', 'Comptoir CA e2e');
  await comptoirSite(scratch, 'cert', 'agent', sitePath, '--ca', caDir);
  await comptoirSite(
    scratch,
    'launch',
    sitePath,
    options.kioskId,
    '--ca',
    caDir,
    '--out',
    join(scratch, 'kiosk'),
  );
  await run('sh', [join(scratch, 'kiosk', 'kiosk-setup.sh')], {
    env: {
      ...process.env,
      // The current user stands for the kiosk user: nothing is created or installed on this machine.
      COMPTOIR_KIOSK_USER: userInfo().username,
      COMPTOIR_KIOSK_HOME: kioskHome,
      COMPTOIR_POLICY_DIR: join(scratch, 'policies'),
    },
  });
  return {
    sitePath,
    caDir,
    caPem: await readFile(join(caDir, 'ca.crt'), 'utf8'),
    kioskHome,
    agentUrl: `https://127.0.0.1:${options.agentPort}`,
    printedDir,
  };
};

/** The real print agent (from its sources), started from the site file. */
export interface RunningAgent {
  process: ChildProcess;
  log: () => string;
  stop: () => Promise<void>;
}

export const startAgent = async (
  site: DeployedSite,
  adminSecret: string,
): Promise<RunningAgent> => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'print-agent', 'src', 'main.ts')],
    {
      cwd: repoRoot,
      env: { ...process.env, AGENT_SITE: site.sitePath, AGENT_ADMIN_SECRET: adminSecret },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`agent did not start:\n${log}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      log += chunk.toString();
      if (log.includes(site.agentUrl)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`agent exited (${String(code)}):\n${log}`));
    });
  });
  return {
    process: child,
    log: () => log,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
};

/** The pairing code on the agent's admin page, read as the IT person would (site CA trusted). */
export const pairingCodeFromAdminPage = async (
  site: DeployedSite,
  adminSecret: string,
): Promise<string> => {
  const html = await new Promise<string>((resolve, reject) => {
    const req = httpsRequest(
      `${site.agentUrl}/admin`,
      { ca: site.caPem, headers: { 'x-agent-admin-secret': adminSecret } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
  const code = /class="code">([^<]+)</.exec(html)?.[1];
  if (code === undefined) throw new Error('no pairing code on the admin page');
  return code;
};

/**
 * Chromium with the site's kiosk HOME (its NSS database trusts the site CA) and address-space
 * overrides: the server's port is public, the agent's local, so the Local Network Access check
 * applies although both listen on loopback.
 */
export const launchKioskBrowser = (
  chromiumPath: string,
  options: { kioskHome: string; serverPort: number; agentPort: number },
): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath,
    args: [
      ...CHROMIUM_ARGS,
      `--ip-address-space-overrides=127.0.0.1:${options.serverPort}=public,127.0.0.1:${options.agentPort}=local`,
    ],
    env: { ...process.env, HOME: options.kioskHome },
  });

/** What a page reports of one fetch. */
export const pageFetchResultSchema = z.union([
  z.object({ ok: z.literal(true), status: z.number(), body: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type PageFetchResult = z.infer<typeof pageFetchResultSchema>;

/** A fetch made by the page (so with its origin, cookies and address-space checks). */
export const pageFetch = async (
  page: Page,
  url: string,
  init: {
    method?: string;
    token?: string;
    body?: unknown;
    targetAddressSpace?: 'local' | 'loopback';
    timeoutMs?: number;
  } = {},
): Promise<PageFetchResult> =>
  pageFetchResultSchema.parse(
    await page.evaluate(
      async ({ url, method, token, body, targetAddressSpace, timeoutMs }) => {
        try {
          // targetAddressSpace (Local Network Access) is not in TypeScript's RequestInit yet.
          const request: RequestInit & { targetAddressSpace?: string } = {
            method,
            headers: {
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            ...(targetAddressSpace === undefined ? {} : { targetAddressSpace }),
            signal: AbortSignal.timeout(timeoutMs),
          };
          const response = await fetch(url, request);
          const text = await response.text();
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          return { ok: true, status: response.status, body: parsed };
        } catch (error) {
          return { ok: false, error: String(error) };
        }
      },
      {
        url,
        method: init.method ?? 'GET',
        token: init.token,
        body: init.body,
        targetAddressSpace: init.targetAddressSpace,
        timeoutMs: init.timeoutMs ?? 15_000,
      },
    ),
  );

const jobSchema = z.object({
  jobId: z.string(),
  state: z.string(),
  mark: z.enum(['original', 'copy']),
  printer: z.string(),
});
/** A print job as the agent reports it. */
export type AgentJob = z.infer<typeof jobSchema>;

/** The body of a successful page fetch, or an error that shows what happened. */
export const okBody = (result: PageFetchResult, status: number): unknown => {
  if (!result.ok || result.status !== status)
    throw new Error(`expected HTTP ${status}, got ${JSON.stringify(result)}`);
  return result.body;
};

/** Pairs the page with the agent, then submits a job and waits until it printed. */
export const agentClient = async (page: Page, site: DeployedSite, code: string) => {
  const call = (path: string, init: { method?: string; token?: string; body?: unknown } = {}) =>
    pageFetch(page, `${site.agentUrl}${path}`, { ...init, targetAddressSpace: 'local' });
  const paired = okBody(
    await call('/pair', { method: 'POST', body: { code, label: 'e2e-kiosk' } }),
    201,
  );
  const { token } = z.object({ token: z.string() }).parse(paired);
  return {
    call,
    async print(body: Record<string, unknown>): Promise<AgentJob> {
      const jobId = z.object({ jobId: z.string() }).parse(body).jobId;
      okBody(await call('/jobs', { method: 'POST', token, body }), 202);
      for (let attempt = 0; attempt < 150; attempt += 1) {
        const job = jobSchema.parse(okBody(await call(`/jobs/${jobId}`, { token }), 200));
        if (job.state === 'printed' || job.state === 'spooled') return job;
        if (job.state === 'failed' || job.state === 'held') throw new Error(`job ${job.state}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`job ${jobId} did not print`);
    },
  };
};

/** The text of each PDF the file printer wrote. */
export const printedTexts = async (printedDir: string): Promise<string[]> => {
  const names = (await readdir(printedDir)).filter((name) => name.endsWith('.pdf')).sort();
  return Promise.all(
    names.map(async (name) => (await run('pdftotext', [join(printedDir, name), '-'])).stdout),
  );
};
