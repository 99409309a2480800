import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('.', import.meta.url));

// The config is evaluated again in each worker: the port and data dir chosen by the main
// process are passed down through the environment so everyone talks to the same server.
function freePort(): string {
  return execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
}
const chromiumPath = process.env.CHROMIUM_PATH;
if (!chromiumPath) {
  throw new Error(
    'CHROMIUM_PATH is not set: run the e2e tests through `npm test` (scripts/test-env.mjs sets it), ' +
      'or set it yourself, e.g. CHROMIUM_PATH=/usr/bin/chromium. Browsers are never downloaded.',
  );
}
process.env.COMPTOIR_E2E_PORT ??= freePort();
const port = process.env.COMPTOIR_E2E_PORT;
// A fresh dir per run (named after the run's free port); the server creates it, the global
// teardown removes it.
process.env.COMPTOIR_E2E_DATA_DIR ??= join(tmpdir(), `comptoir-e2e-${port}`);
const origin = `http://127.0.0.1:${port}`;
// The servers' logs, kept after the run (unlike the data dir) for the log check
// (scripts/log-pii.mjs, the `e2e-logs` suite of npm test); npm test chooses the folder.
process.env.COMPTOIR_E2E_LOG_DIR ??= join(tmpdir(), `comptoir-e2e-logs-${port}`);
const logDir = process.env.COMPTOIR_E2E_LOG_DIR;
mkdirSync(logDir, { recursive: true });

/** The production build (`web/build`), run with demo data on a fresh data dir. */
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL: origin,
    locale: 'fr-CA',
    serviceWorkers: 'allow',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // Its output goes to a file (kept), not to the run's output.
    command: `node build >> ${JSON.stringify(join(logDir, 'web.log'))} 2>&1`,
    cwd: webDir,
    url: `${origin}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      HOST: '127.0.0.1',
      PORT: port,
      ORIGIN: origin,
      COMPTOIR_DATA_DIR: process.env.COMPTOIR_E2E_DATA_DIR,
      COMPTOIR_DEMO: '1',
      // The stand-in plate supplier makes and ships within seconds (delivery stays far off).
      PLATE_SUPPLIER_TIMINGS: 'made=1,shipped=2,delivered=3600',
    },
  },
});
