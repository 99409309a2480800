#!/usr/bin/env node
// `npm start`: the whole system on its embedded defaults (docs/configuration.md).
//
// Installs dependencies when missing, builds when a build is missing or older than its sources
// (Turborepo's cache makes an up-to-date build a no-op), then runs the web server (SQLite, demo
// data) and the print agent (file printer) side by side until Ctrl-C, which stops both cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Build outputs and the source folders they come from. */
const BUILDS = [
  { output: 'shared/dist', sources: ['shared/src', 'shared/package.json'] },
  {
    output: 'web/build',
    sources: [
      'web/src',
      'web/static',
      'web/package.json',
      'web/vite.config.ts',
      'web/svelte.config.js',
      'shared/src',
    ],
  },
  {
    output: 'print-agent/dist',
    sources: ['print-agent/src', 'print-agent/package.json', 'shared/src'],
  },
  { output: 'kiosk-config/dist', sources: ['kiosk-config/src', 'shared/src'] },
];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function isStale({ output, sources }) {
  const out = join(root, output);
  if (!existsSync(out)) return true;
  const built = statSync(out).mtimeMs;
  return sources.some((s) => newestMtime(join(root, s)) > built);
}

function runOrExit(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: buildEnv });
  if (result.status !== 0) {
    console.error(`[start] ${command} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

const buildEnv = {
  ...process.env,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  TURBO_TELEMETRY_DISABLED: '1',
};

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('[start] installing dependencies (npm ci)…');
  runOrExit('npm', ['ci', '--no-audit', '--no-fund']);
}
if (BUILDS.some(isStale)) {
  console.log('[start] building…');
  runOrExit('npx', ['turbo', 'run', 'build', '--output-logs=errors-only']);
  // Touch nothing: turbo may restore outputs from cache with old mtimes, so record freshness.
  for (const b of BUILDS) {
    const out = join(root, b.output);
    if (existsSync(out)) spawnSync('touch', [out]);
  }
}

// One rule for every setting (docs/configuration.md): flag > environment > default.
// `npm start -- --port 3101 --agent-port 9701 --data-dir /tmp/other` = the same variables.
const { values: flags } = parseArgs({
  args: process.argv.slice(2),
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    origin: { type: 'string' },
    'data-dir': { type: 'string' },
    'agent-host': { type: 'string' },
    'agent-port': { type: 'string' },
  },
  strict: true,
});
const HOST = flags.host ?? process.env.HOST ?? '127.0.0.1';
const PORT = flags.port ?? process.env.PORT ?? '3000';
const ORIGIN = flags.origin ?? process.env.ORIGIN ?? `http://${HOST}:${PORT}`;
const DATA_DIR = resolve(root, flags['data-dir'] ?? process.env.COMPTOIR_DATA_DIR ?? '.data');
const AGENT_HOST = flags['agent-host'] ?? process.env.AGENT_HOST ?? '127.0.0.1';
const AGENT_PORT = flags['agent-port'] ?? process.env.AGENT_PORT ?? '9631';
mkdirSync(DATA_DIR, { recursive: true });

/**
 * The demo site, following this start's settings: the committed file says :3000 and :9631, and
 * an agent handed it beside another instance would take that instance's port and trust its
 * server. Written into the data dir, so each instance has its own.
 */
function demoSiteFollowingSettings() {
  const committed = join(root, 'kiosk-config', 'sites', 'demo.json');
  if (!existsSync(committed)) return undefined;
  const site = JSON.parse(readFileSync(committed, 'utf8'));
  delete site.$schema;
  site.server = { ...site.server, origin: ORIGIN };
  site.agent = { ...site.agent, host: AGENT_HOST, port: Number(AGENT_PORT) };
  const path = join(DATA_DIR, 'demo-site.json');
  writeFileSync(path, `${JSON.stringify(site, null, 2)}\n`);
  return path;
}

// An explicitly empty AGENT_SITE means: no site file, environment settings only.
const userSite = process.env.AGENT_SITE;
const AGENT_SITE = userSite ?? demoSiteFollowingSettings();

const env = {
  ...process.env,
  HOST,
  PORT,
  ORIGIN,
  COMPTOIR_DATA_DIR: DATA_DIR,
  COMPTOIR_DEMO: process.env.COMPTOIR_DEMO ?? '1',
  // The server's own hook refuses bodies over 1 MB with 413 in the shared error shape;
  // adapter-node's limit would answer first, in plain text.
  BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? 'Infinity',
  AGENT_HOST,
  AGENT_PORT,
  AGENT_DATA_DIR: resolve(root, process.env.AGENT_DATA_DIR ?? join(DATA_DIR, 'agent')),
  ...(AGENT_SITE === undefined ? {} : { AGENT_SITE }),
};
// The agent's trust settings come from the environment or the site file, and it refuses to
// start when both set them differently: a site file of the user's own names its server, so the
// ORIGIN made up here must not contradict it (an ORIGIN the user set still does, on purpose).
const agentEnv =
  userSite && flags.origin === undefined && process.env.ORIGIN === undefined
    ? Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'ORIGIN'))
    : env;

/** What each process reports it listens on (the banner waits for both). */
const listening = { web: undefined, agent: undefined };
/** The agent's line about an admin secret made at this start, if any. */
let newSecretLine;

function noteLine(name, line) {
  const web = /^Listening on (\S+)/.exec(line);
  if (name === 'web' && web) listening.web = web[1];
  const agent = /listening on (https?:\/\/\S+)/.exec(line);
  if (name === 'agent' && agent) listening.agent = agent[1];
  if (name === 'agent' && /Admin secret/.test(line)) newSecretLine = line;
  if (listening.web && listening.agent && !bannerShown) {
    bannerShown = true;
    printBanner();
  }
}
let bannerShown = false;

const children = [
  { name: 'web', cwd: join(root, 'web'), args: ['build'] },
  { name: 'agent', cwd: join(root, 'print-agent'), args: ['dist/main.js'] },
].map(({ name, cwd, args }) => {
  const child = spawn(process.execPath, args, {
    cwd,
    env: name === 'agent' ? agentEnv : env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line) continue;
        console.log(`[${name}] ${line}`);
        noteLine(name, line);
      }
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${name} exited (${signal ?? code}); stopping everything`);
      stop(1);
    }
  });
  return { name, child };
});

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  let alive = children.filter(({ child }) => child.exitCode === null && child.signalCode === null);
  for (const { child } of alive) child.kill('SIGTERM');
  const deadline = setTimeout(() => {
    for (const { child } of alive) child.kill('SIGKILL');
    process.exit(code || 1);
  }, 10_000);
  const check = setInterval(() => {
    alive = alive.filter(({ child }) => child.exitCode === null && child.signalCode === null);
    if (alive.length === 0) {
      clearInterval(check);
      clearTimeout(deadline);
      console.log('[start] stopped');
      process.exit(code);
    }
  }, 50);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

/**
 * An admin secret made at this start: the agent writes it to a 0600 file and logs the path. On a
 * terminal, the person starting Comptoir sees it once here; in a log, only the path stays.
 */
function adminSecretLines() {
  if (!newSecretLine) return '';
  const file = /read it in (\S+)/.exec(newSecretLine)?.[1];
  if (process.stdout.isTTY && file && existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    return `  Agent admin     ${secret}   (shown once; kept in ${file}, mode 0600)\n`;
  }
  return file ? `  Agent admin     secret in ${file} (mode 0600)\n` : '';
}

function printBanner() {
  console.log(`
  Comptoir is running
  ─────────────────────────────────────────────────────────
  Kiosk (web)     ${listening.web}/   (public origin ${ORIGIN})
  Health          ${listening.web}/api/health
  Print agent     ${listening.agent}/health   (admin page: /admin)
${adminSecretLines()}  Data            ${DATA_DIR}   (SQLite; printed PDFs in ${env.AGENT_DATA_DIR}/printed/)
  Demo sign-ins   password demo-password for
                  demo-admin   administrator, accredited dealer
                  demo-agree   accredited employee (two licences)
                  demo-admin2  administrator, non-accredited dealer
                  demo-generic generic employee (showroom kiosk)
                  demo-staff   authority staff
  Ctrl-C stops everything.
`);
}
console.log('[start] starting the web server and the print agent…');
