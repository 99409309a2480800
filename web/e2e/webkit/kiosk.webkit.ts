import { test as base, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebDriver } from 'selenium-webdriver';
import { vinFor } from '../../src/lib/testing/command.factory';
import { countRows } from '../fixtures';
import { startPrintAgent, type AgentProcess } from '../print-agent-process';
import { freePort, startServer } from '../server-process';
import {
  createAtac,
  createTransit,
  headingMatches,
  openInApp,
  issuedNumber,
  pairAgent,
  pathMatches,
  signIn,
  tapButton,
  textMatches,
  visible,
  waitForServiceWorker,
} from './kiosk.driver';
import { makeSiteCertificates, type SiteCertificates } from './site-certificates';
import { startWebKitDriver, type WebKitDriverServer } from './webkit-driver';

/**
 * The kiosk in a real WebKit engine (WebKitGTK, the engine of Safari on the iPad): sign-in,
 * papers printed through the real agent over HTTPS, offline reload and queue drain, the idle
 * lock. Where WebKitGTK and Safari differ: docs/operating.md, "WebKitGTK in the tests, Safari
 * on the iPad".
 */
const test = base.extend<object, { webkit: WebKitDriverServer }>({
  webkit: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from its first argument
    async ({}, use) => {
      const server = await startWebKitDriver();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
});

let driver: WebDriver | undefined;
let agent: AgentProcess | undefined;
let certificates: SiteCertificates | undefined;
const cleanups: (() => Promise<void> | void)[] = [];

// eslint-disable-next-line no-empty-pattern -- the test info comes second, after the fixtures
test.afterEach(async ({}, testInfo) => {
  // What WebKit showed when a step failed: the report's only picture of a WebDriver session.
  if (driver && testInfo.status !== testInfo.expectedStatus) {
    const png = Buffer.from(await driver.takeScreenshot(), 'base64');
    await testInfo.attach('webkit-screen', { body: png, contentType: 'image/png' });
    await writeFile(testInfo.outputPath('webkit-screen.png'), png);
  }
  await driver?.quit();
  driver = undefined;
  await agent?.stop();
  agent = undefined;
  certificates?.remove();
  certificates = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

test('WebKit: sign in, then an ATAC and a transit printed through the agent over HTTPS', async ({
  webkit,
  baseURL,
}) => {
  const origin = baseURL ?? '';
  certificates = await makeSiteCertificates(origin);
  agent = await startPrintAgent(origin, { tls: certificates });
  expect(agent.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  driver = await webkit.newSession({
    certificates: [{ host: '127.0.0.1', certificateFile: certificates.certFile }],
  });

  await signIn(driver, origin, 'demo-generic');
  // No Local Network Access permission exists in WebKit: pairing and printing are plain
  // CORS fetches to the agent's HTTPS address.
  await pairAgent(driver, agent.url, agent.pairingCode);

  await createAtac(driver, 9101);
  const atac = await issuedNumber(driver);
  await tapButton(driver, 'Imprimer');
  await expect.poll(() => agent?.printedFiles().length, { timeout: 30_000 }).toBe(1);

  await createTransit(driver, 9102);
  const transit = await issuedNumber(driver);
  await tapButton(driver, 'Imprimer');
  await expect.poll(() => agent?.printedFiles().length, { timeout: 30_000 }).toBe(2);
  const printed = agent.printedFiles().join(' ');
  expect(printed).toContain(atac);
  expect(printed).toContain(transit);
});

test('WebKit: with the server gone the app reloads from its cache, queues, then drains once', async ({
  webkit,
}) => {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-e2e-webkit-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  let server = await startServer({ port, dataDir });
  cleanups.push(() => server.stop());
  driver = await webkit.newSession();

  await signIn(driver, server.origin, 'demo-generic');
  await waitForServiceWorker(driver);

  await server.stop();
  await driver.navigate().refresh();
  await headingMatches(driver, /Services/);
  await createAtac(driver, 9201);
  await visible(driver, '[data-testid="document-waiting"]');
  await createTransit(driver, 9202);
  await visible(driver, '[data-testid="document-waiting"]');
  await textMatches(driver, '[data-testid="status-waiting"]', /En attente : 2/);

  server = await startServer({ port, dataDir });
  await textMatches(driver, '[data-testid="status-waiting"]', /En attente : 0/, 60_000);
  for (const [kind, index] of [
    ['atac', 9201],
    ['transit', 9202],
  ] as const) {
    expect(
      countRows(
        'select count(*) as n from documents where kind = ? and vin = ?',
        [kind, vinFor(index)],
        dataDir,
      ),
    ).toBe(1);
  }
});

test('WebKit: a shared kiosk locks itself when idle and shows nothing of the last person', async ({
  webkit,
  baseURL,
}) => {
  const origin = baseURL ?? '';
  driver = await webkit.newSession();
  await signIn(driver, origin, 'demo-generic');
  // The same person again with the shortest idle lock a kiosk may ask for (1 minute), so the
  // test waits for the kiosk's real timer: WebDriver has no clock to fast-forward.
  const status = await driver.executeAsyncScript<number>(
    `const done = arguments[arguments.length - 1];
     fetch('/api/auth/login', {
       method: 'POST',
       headers: { 'content-type': 'application/json' },
       body: JSON.stringify({ username: 'demo-generic', password: 'demo-password', idleMinutes: 1 }),
     }).then((response) => done(response.status), () => done(0));`,
  );
  expect(status).toBe(200);
  await driver.navigate().refresh();
  await headingMatches(driver, /Services/);
  await openInApp(driver, '/file-attente');
  await headingMatches(driver, /File d'attente/);

  await visible(driver, '[data-testid="lock-screen"]', 100_000);
  await headingMatches(driver, /^Poste verrouillé$/);
  expect(await driver.findElement({ css: 'main' }).getText()).not.toContain('demo-generic');
  // The lock ends on the home address once the sign-out and the kept lock are written.
  await pathMatches(driver, /^\/$/);
  // A reload does not bring the last person's screen back.
  await driver.navigate().refresh();
  await visible(driver, '[data-testid="lock-screen"]');
  await headingMatches(driver, /^Poste verrouillé$/);
});
