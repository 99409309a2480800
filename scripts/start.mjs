#!/usr/bin/env node
// `npm start`: the whole system on its embedded defaults (docs/configuration.md).
//
// Installs dependencies when missing, builds when a build is missing or older than its sources
// (Turborepo's cache makes an up-to-date build a no-op), then runs the web server (SQLite, demo
// data) and the print agent (file printer) side by side until Ctrl-C, which stops both cleanly.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

// Embedded defaults: ARCHITECTURE's Configuration table.
const HOST = process.env.HOST ?? '127.0.0.1';
const PORT = process.env.PORT ?? '3000';
const ORIGIN = process.env.ORIGIN ?? `http://${HOST}:${PORT}`;
const DATA_DIR = resolve(root, process.env.COMPTOIR_DATA_DIR ?? '.data');
const AGENT_HOST = process.env.AGENT_HOST ?? '127.0.0.1';
const AGENT_PORT = process.env.AGENT_PORT ?? '9631';
const demoSite = join(root, 'kiosk-config', 'sites', 'demo.json');
mkdirSync(DATA_DIR, { recursive: true });

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
  AGENT_ALLOWED_ORIGINS: process.env.AGENT_ALLOWED_ORIGINS ?? ORIGIN,
  AGENT_JWKS_URL: process.env.AGENT_JWKS_URL ?? `${ORIGIN}/.well-known/jwks.json`,
  // An explicitly empty AGENT_SITE means: no site file, environment settings only.
  ...(process.env.AGENT_SITE !== undefined || !existsSync(demoSite)
    ? {}
    : { AGENT_SITE: demoSite }),
};

const children = [
  { name: 'web', cwd: join(root, 'web'), args: ['build'] },
  { name: 'agent', cwd: join(root, 'print-agent'), args: ['dist/main.js'] },
].map(({ name, cwd, args }) => {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      for (const line of chunk.toString().split('\n')) if (line) console.log(`[${name}] ${line}`);
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

console.log(`
  Comptoir is starting
  ─────────────────────────────────────────────────────────
  Kiosk (web)     ${ORIGIN}/
  Health          ${ORIGIN}/api/health
  Print agent     http://${AGENT_HOST}:${AGENT_PORT}/health   (admin page: /admin)
  Data            ${DATA_DIR}   (SQLite; printed PDFs in ${env.AGENT_DATA_DIR}/printed/)
  Demo sign-ins   password demo-password for
                  demo-admin   administrator, accredited dealer
                  demo-agree   accredited employee (two licences)
                  demo-admin2  administrator, non-accredited dealer
                  demo-generic generic employee (showroom kiosk)
                  demo-staff   authority staff
  Ctrl-C stops everything.
`);
