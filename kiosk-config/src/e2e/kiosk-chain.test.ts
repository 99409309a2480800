import { newId, siteSchema } from '@comptoir/shared';
import { sampleDocument } from '@comptoir/shared/documents';
import { generateSigningKeyPair, importSigningKey, signDocument } from '@comptoir/shared/tokens';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chromiumPolicy, type ChromiumPolicy } from '../chromium-policy.js';
import {
  agentClient,
  CHROMIUM_ARGS,
  comptoirSite,
  deploySite,
  freePort,
  launchKioskBrowser,
  pageFetch,
  pairingCodeFromAdminPage,
  printedTexts,
  requireChromiumPath,
  startAgent,
  type DeployedSite,
  type RunningAgent,
} from './chain-harness.js';

/**
 * The deployment chain with a small stand-in for the server (the page's origin and the JWKS
 * the agent fetches its keys from): what `kiosk-config` generates, checked in a real Chromium
 * against the real print agent, independently of the server's state. The same chain with the
 * real server and its audit is `kiosk-server-chain.test.ts`.
 */
const chromiumPath = requireChromiumPath();
const ADMIN_SECRET = 'e2e-admin-secret-0123456789';
const scratch = await mkdtemp(join(tmpdir(), 'comptoir-chain-'));

let standIn: Server;
let serverOrigin: string;
let site: DeployedSite;
let agent: RunningAgent | undefined;
let browser: Browser;
let documentNumber: string;
let documentJws: string;
/** The deployed site file as written (before defaults), to derive variants of it. */
const siteFileSchema = z.object({ agent: z.record(z.string(), z.unknown()) }).loose();
let siteFileInput: z.infer<typeof siteFileSchema>;

beforeAll(async () => {
  const keyPair = await generateSigningKeyPair();
  const jwks = JSON.stringify({ keys: [keyPair.publicJwk] });
  standIn = createServer((req, res) => {
    if (req.url === '/.well-known/jwks.json')
      return res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end('<!doctype html><title>Comptoir</title>');
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  const address = standIn.address();
  const serverPort = typeof address === 'object' && address !== null ? address.port : 0;
  serverOrigin = `http://127.0.0.1:${serverPort}`;
  const agentPort = await freePort();

  site = await deploySite(scratch, { serverOrigin, agentPort, kioskId: 'e2e-kiosk' });
  siteFileInput = siteFileSchema.parse(JSON.parse(await readFile(site.sitePath, 'utf8')));
  agent = await startAgent(site, ADMIN_SECRET);
  browser = await launchKioskBrowser(chromiumPath, {
    kioskHome: site.kioskHome,
    serverPort,
    agentPort,
  });

  const transit = sampleDocument('transit', {
    number: `TR-E2E-${Date.now()}`,
    issuedAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    issuedBy: { signer: 'server', kid: keyPair.kid },
  });
  documentNumber = transit.number;
  documentJws = await signDocument(transit, await importSigningKey(keyPair.privateJwk));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await agent?.stop();
  await new Promise<void>((resolve) => standIn.close(() => resolve()));
  await rm(scratch, { recursive: true, force: true });
});

describe('kiosk to agent, through Local Network Access, HTTPS and the site CA', () => {
  it('is blocked without the Local Network Access permission', { timeout: 30_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(serverOrigin);
    const result = await pageFetch(page, `${site.agentUrl}/health`, {
      targetAddressSpace: 'local',
      timeoutMs: 3000,
    });
    expect(result.ok).toBe(false);
    await context.close();
  });

  it('pairs, prints a signed transit, and reprints it as COPY', { timeout: 120_000 }, async () => {
    const context = await browser.newContext();
    // The grant a managed kiosk gets from its policy, given here through the automation protocol.
    await context.grantPermissions(['local-network-access'], { origin: serverOrigin });
    const page = await context.newPage();
    await page.goto(serverOrigin);
    expect(
      await pageFetch(page, `${site.agentUrl}/health`, { targetAddressSpace: 'local' }),
    ).toMatchObject({
      ok: true,
      status: 200,
    });

    const client = await agentClient(
      page,
      site,
      await pairingCodeFromAdminPage(site, ADMIN_SECRET),
    );
    const original = await client.print({
      jobId: newId(),
      document: documentJws,
      role: 'certificate',
    });
    expect(original).toMatchObject({ mark: 'original', printer: 'laser' });
    const copy = await client.print({
      jobId: newId(),
      document: documentJws,
      role: 'certificate',
      reprint: true,
    });
    expect(copy).toMatchObject({ mark: 'copy', printer: 'laser' });

    const texts = (await printedTexts(site.printedDir)).filter((text) =>
      text.includes(documentNumber),
    );
    expect(texts).toHaveLength(2);
    expect(texts.filter((text) => /COPIE|COPY/.test(text))).toHaveLength(1);
    await context.close();
  });
});

describe('the generated Chromium policy, in place of the automation grant', () => {
  // Chromium reads managed policies only from /etc/chromium/policies/managed: the file holds
  // just the Local Network Access grants for this test's random origin (harmless to any other
  // browser on the machine), one at a time, and is removed right after.
  const policyDir = '/etc/chromium/policies/managed';
  const policyFile = join(policyDir, `comptoir-e2e-${process.pid}.json`);
  // Folders this test creates are removed too (rmdir: only if nothing else was put there).
  const createdDirs = ['/etc/chromium/policies', policyDir].filter((dir) => !existsSync(dir));
  afterAll(async () => {
    await rm(policyFile, { force: true });
    for (const dir of createdDirs.reverse()) await rmdir(dir).catch(() => undefined);
  });
  const lnaGrants = (policy: ChromiumPolicy): ChromiumPolicy =>
    Object.fromEntries(
      Object.entries(policy).filter(
        ([key]) =>
          key.endsWith('NetworkAllowedForUrls') || key === 'LocalNetworkAccessAllowedForUrls',
      ),
    );

  const fetchWithPolicy = async (
    policy: ChromiumPolicy,
    agentSpace: 'local' | 'loopback',
  ): Promise<boolean> => {
    await mkdir(policyDir, { recursive: true });
    await writeFile(policyFile, JSON.stringify(lnaGrants(policy)));
    const agentPort = Number(new URL(site.agentUrl).port);
    const serverPort = Number(new URL(serverOrigin).port);
    const policed = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        ...CHROMIUM_ARGS,
        `--ip-address-space-overrides=127.0.0.1:${serverPort}=public,127.0.0.1:${agentPort}=${agentSpace}`,
      ],
      env: { ...process.env, HOME: site.kioskHome },
    });
    try {
      const page = await policed.newPage();
      await page.goto(serverOrigin);
      const result = await pageFetch(page, `${site.agentUrl}/health`, {
        targetAddressSpace: agentSpace,
        timeoutMs: 5000,
      });
      return result.ok && result.status === 200;
    } finally {
      await policed.close();
      await rm(policyFile, { force: true });
    }
  };

  it(
    'lets the server origin reach an agent on the LAN (LocalNetworkAllowedForUrls)',
    { timeout: 60_000 },
    async () => {
      const lanPolicy = chromiumPolicy(
        siteSchema.parse({
          ...siteFileInput,
          agent: { ...siteFileInput.agent, host: '0.0.0.0', publicHost: '192.168.10.5' },
        }),
      );
      expect(lanPolicy).toHaveProperty('LocalNetworkAllowedForUrls');
      expect(await fetchWithPolicy(lanPolicy, 'local')).toBe(true);
    },
  );

  it(
    'lets the server origin reach an agent on the kiosk itself (LoopbackNetworkAllowedForUrls)',
    { timeout: 60_000 },
    async () => {
      const loopbackPolicy = chromiumPolicy(siteSchema.parse(siteFileInput));
      expect(loopbackPolicy).toHaveProperty('LoopbackNetworkAllowedForUrls');
      expect(await fetchWithPolicy(loopbackPolicy, 'loopback')).toBe(true);
    },
  );

  it(
    'is what made the difference: without a policy or a grant the agent stays out of reach',
    { timeout: 60_000 },
    async () => {
      expect(await fetchWithPolicy({}, 'local')).toBe(false);
    },
  );
});

describe('comptoir-site print-test against the real agent', () => {
  it('prints the TEST page on every printer and reports it', { timeout: 60_000 }, async () => {
    const secretFile = join(scratch, 'agent-admin-secret');
    await writeFile(secretFile, `${ADMIN_SECRET}\n`, { mode: 0o600 });
    const out = await comptoirSite(
      scratch,
      'print-test',
      site.sitePath,
      '--ca',
      site.caDir,
      '--secret-file',
      secretFile,
    );
    expect(out).toMatch(/^✓ laser \(Laser \(fichiers\)\): .*(printed|spooled)/m);
    const texts = await printedTexts(site.printedDir);
    expect(texts.some((text) => /TEST/i.test(text) && !text.includes(documentNumber))).toBe(true);
  });

  it('reports a refused secret as a failure', { timeout: 60_000 }, async () => {
    const secretFile = join(scratch, 'wrong-secret');
    await writeFile(secretFile, 'not-the-secret\n');
    await expect(
      comptoirSite(
        scratch,
        'print-test',
        site.sitePath,
        '--ca',
        site.caDir,
        '--secret-file',
        secretFile,
      ),
    ).rejects.toThrow(/failed \(1\)/);
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
      const failure = await page.goto(`${site.agentUrl}/health`).then(
        () => 'loaded',
        (error: unknown) => String(error),
      );
      expect(failure).toMatch(/ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await untrusting.close();
    }
  });
});
