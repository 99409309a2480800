#!/usr/bin/env node
// `npm test`: every suite of the repository, from a fresh clone.
//
// 1. installs Node dependencies when missing or older than package-lock.json;
// 2. starts the test environment (scripts/test-env.mjs: system packages, PostgreSQL, CUPS);
// 3. runs the suites in order (build, lint, boundaries, format, types, unit + integration,
//    end-to-end), printing each one's duration, and a last line `N passed, N failed` counting
//    tests;
// 4. stops the environment. Exit code non-zero when any suite failed.
//
//   npm test                      everything
//   npm test -- --only e2e        one suite (build, lint, boundaries, format, types, unit, smoke,
//                                 hostile, e2e, webkit, api-statuses, e2e-logs: the last two read what
//                                 the suites before them recorded in the same run)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestEnv } from './test-env.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.includes('--only')
  ? process.argv[process.argv.indexOf('--only') + 1]
  : null;

/** Each suite: a name and a command run from the repository root. */
const SUITES = [
  { name: 'build', command: ['npx', 'turbo', 'run', 'build', '--output-logs=errors-only'] },
  { name: 'lint', command: ['npx', 'eslint', '--max-warnings=0', '.'] },
  // Module boundaries and import cycles: `npm run depcruise` (.dependency-cruiser.cjs).
  { name: 'boundaries', command: ['npm', 'run', '--silent', 'depcruise'] },
  { name: 'format', command: ['npx', 'prettier', '--check', '--log-level=warn', '.'] },
  {
    name: 'types',
    command: ['npx', 'turbo', 'run', 'typecheck', '--continue', '--output-logs=errors-only'],
  },
  {
    name: 'unit',
    // One package at a time: the server suites start PostgreSQL databases and child servers,
    // and two cores are shared with them.
    command: ['npx', 'turbo', 'run', 'test', '--concurrency=1', '--continue', '--output-logs=full'],
  },
  {
    name: 'smoke',
    command: [
      'node',
      '--test',
      'scripts/start.test.mjs',
      'scripts/fresh-clone.test.mjs',
      'scripts/web-flags.test.mjs',
      'scripts/checks.test.mjs',
    ],
  },
  // Attacks held as tests (`*.hostile.test.ts`, web and print-agent): built servers, bursts
  // through two web processes, floods, fuzz at every JSON endpoint, headers on every route.
  { name: 'hostile', command: ['npm', 'run', '--silent', 'test:hostile'] },
  { name: 'e2e', command: ['npx', 'playwright', 'test', '-c', 'web/playwright.config.ts'] },
  // The core kiosk specs in WebKit (WebKitGTK's WebDriver on Xvfb, the engine of Safari on the
  // iPad): sign-in, printing through the agent over HTTPS, offline reload and drain, idle lock.
  {
    name: 'webkit',
    command: ['npx', 'playwright', 'test', '-c', 'web/playwright.webkit.config.ts'],
  },
  // After the suites that feed them: every status code the two OpenAPI documents promise was
  // answered to some test (the records of COMPTOIR_ROUTE_RECORD_DIR), and the e2e run's kept
  // server logs (COMPTOIR_E2E_LOG_DIR) hold no personal data and no secret.
  { name: 'api-statuses', command: ['node', '--import', 'tsx', 'scripts/api-statuses.mjs'] },
  { name: 'e2e-logs', command: ['node', 'scripts/log-pii.mjs'] },
];

// Fresh folders for this run's route records and e2e logs (kept afterwards, named at the end).
const runFolders = {
  COMPTOIR_ROUTE_RECORD_DIR: mkdtempSync(join(tmpdir(), 'comptoir-route-records-')),
  COMPTOIR_E2E_LOG_DIR: mkdtempSync(join(tmpdir(), 'comptoir-e2e-logs-')),
};

function run(command, env, onLine) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      let buffer = '';
      stream.on('data', (chunk) => {
        const text = chunk.toString();
        (stream === child.stdout ? process.stdout : process.stderr).write(text);
        buffer += text;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) onLine?.(line);
      });
    }
    child.on('close', (code) => resolve(code ?? 1));
  });
}

function installIfNeeded(env) {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return 0;
  console.log('[test] installing Node dependencies (npm ci)');
  return run(['npm', 'ci', '--no-audit', '--no-fund'], env);
}

// Vitest: "Tests  3 failed | 40 passed (43)"; Playwright: "  12 passed (1.2m)" / "  1 failed".
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
function countTests(line, totals) {
  const clean = line.replace(ANSI, '');
  const vitest = clean.match(/Tests\s+(.*)\(\d+\)\s*$/);
  if (vitest) {
    totals.passed += Number(vitest[1].match(/(\d+) passed/)?.[1] ?? 0);
    totals.failed += Number(vitest[1].match(/(\d+) failed/)?.[1] ?? 0);
    return;
  }
  const nodeTest = clean.match(/^# (pass|fail) (\d+)$/);
  if (nodeTest) {
    totals[nodeTest[1] === 'pass' ? 'passed' : 'failed'] += Number(nodeTest[2]);
    return;
  }
  const playwright = clean.match(/^\s+(\d+) (passed|failed|flaky)\b/);
  if (playwright && !clean.includes('|')) {
    if (playwright[2] === 'failed') totals.failed += Number(playwright[1]);
    else totals.passed += Number(playwright[1]);
  }
}

const started = Date.now();
const baseEnv = {
  ...process.env,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  FORCE_COLOR: process.env.FORCE_COLOR ?? '0',
};
if ((await installIfNeeded(baseEnv)) !== 0) {
  console.error('[test] npm ci failed');
  process.exit(1);
}

const { env: testEnv, stop } = await startTestEnv();
const env = { ...baseEnv, ...testEnv, ...runFolders };
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});

const results = [];
const totals = { passed: 0, failed: 0 };
for (const suite of SUITES) {
  if (only && suite.name !== only && suite.name !== 'build') continue;
  if (results.some((r) => r.name === 'build' && r.code !== 0)) {
    results.push({ name: suite.name, code: 1, seconds: 0, note: 'not run: build failed' });
    continue;
  }
  console.log(`\n[test] ── ${suite.name}: ${suite.command.join(' ')}`);
  const t0 = Date.now();
  const code = await run(suite.command, env, (line) => countTests(line, totals));
  results.push({ name: suite.name, code, seconds: (Date.now() - t0) / 1000 });
}
stop();

console.log('\n[test] suite      result  seconds');
for (const r of results) {
  const verdict = r.code === 0 ? 'ok' : 'FAILED';
  console.log(
    `[test] ${r.name.padEnd(10)} ${verdict.padEnd(7)} ${r.seconds.toFixed(1).padStart(7)}${r.note ? `  ${r.note}` : ''}`,
  );
}
console.log(`[test] total ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const [name, dir] of Object.entries(runFolders)) console.log(`[test] ${name}=${dir}`);
const failedSuites = results.filter((r) => r.code !== 0).length;
if (failedSuites > 0) totals.failed = Math.max(totals.failed, 1);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedSuites > 0 ? 1 : 0);
