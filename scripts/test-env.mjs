#!/usr/bin/env node
// The one test environment of the repository: system packages, one PostgreSQL, one CUPS queue.
//
// Used by `npm test`, `npm run bench` and by hand:
//   node scripts/test-env.mjs -- <command ...>   start everything, run the command with the
//                                                 COMPTOIR_TEST_* variables set, stop everything
//
// What suites get (environment variables):
//   COMPTOIR_TEST_PG_URL          admin URL of a maintenance database; each suite creates its own
//   COMPTOIR_TEST_CUPS_PRINTER    a cups-pdf queue made for this run
//   COMPTOIR_TEST_CUPS_URI        the same queue over IPP (ipp://127.0.0.1:631/printers/<queue>)
//   COMPTOIR_TEST_CUPS_OUTPUT_DIR where cups-pdf writes the PDFs of jobs submitted by this user
//   CHROMIUM_PATH                 Debian's Chromium
// A missing system package stops the run with its name: suites never skip silently.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** Debian package -> a file that proves it is installed. */
const SYSTEM_PACKAGES = {
  chromium: '/usr/bin/chromium',
  postgresql: '/usr/lib/postgresql',
  cups: '/usr/sbin/cupsd',
  'printer-driver-cups-pdf': '/usr/lib/cups/backend/cups-pdf',
  'poppler-utils': '/usr/bin/pdftotext',
  'libnss3-tools': '/usr/bin/certutil',
  // systemd-analyze: the agent unit's verify and security score (kiosk-config).
  systemd: '/usr/bin/systemd-analyze',
  nginx: '/usr/sbin/nginx',
  'zbar-tools': '/usr/bin/zbarimg',
  // WebKit end-to-end (suite `webkit`): WebKitGTK's WebDriver and MiniBrowser, on Xvfb.
  'webkit2gtk-driver': '/usr/bin/WebKitWebDriver',
  xvfb: '/usr/bin/Xvfb',
};

const isRoot = process.getuid?.() === 0;

function log(message) {
  console.log(`[test-env] ${message}`);
}

/** Installs the missing Debian packages when it can (root on Debian); otherwise names them and exits. */
export function ensureSystemPackages() {
  const missing = Object.entries(SYSTEM_PACKAGES)
    .filter(([, proof]) => !existsSync(proof))
    .map(([name]) => name);
  if (missing.length === 0) return;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    log(`installing ${missing.join(' ')} (apt-get)`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  }
  const still = Object.entries(SYSTEM_PACKAGES)
    .filter(([, proof]) => !existsSync(proof))
    .map(([name]) => name);
  if (still.length > 0) {
    console.error(
      `[test-env] missing system packages: ${still.join(', ')}. Install them (as root: ` +
        `apt-get install -y ${still.join(' ')}) and run again. No suite is skipped silently.`,
    );
    process.exit(2);
  }
}

/** A free TCP port on 127.0.0.1 (asked of the kernel). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function pgBinDir() {
  const versions = readdirSafe('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0)
    throw new Error('PostgreSQL binaries not found in /usr/lib/postgresql');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

function readdirSafe(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Runs a PostgreSQL binary as the `postgres` user when we are root (postgres refuses root). */
function runPg(bin, args) {
  const command = join(pgBinDir(), bin);
  const result = isRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${bin} failed: ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

async function startPostgres() {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-pg-'));
  if (isRoot)
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), 0);
  const port = await freePort();
  const data = join(dir, 'data');
  runPg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  // fsync stays on: tests check real durability settings; the cluster is small and throwaway.
  runPg('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200`,
    'start',
  ]);
  log(`PostgreSQL on 127.0.0.1:${port}`);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        runPg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function cupsRunning() {
  return spawnSync('lpstat', ['-r'], { encoding: 'utf8' }).stdout.includes('is running');
}

function cupsPdfOutputDir() {
  // cups-pdf writes to the `Out` directory of /etc/cups/cups-pdf.conf, ${HOME} being the
  // submitting user's home from the password database, not this process's $HOME (Debian's
  // default: ${HOME}/PDF).
  let out = '${HOME}/PDF';
  try {
    const line = readFileSync('/etc/cups/cups-pdf.conf', 'utf8')
      .split('\n')
      .find((l) => /^Out\s+/.test(l));
    if (line) out = line.replace(/^Out\s+/, '').trim();
  } catch {
    // keep Debian's default
  }
  return out.replace('${HOME}', userInfo().homedir);
}

/** Queues made by test-env runs that are still alive (`comptoir_test_<pid>`). */
function liveTestQueues() {
  const listing = spawnSync('lpstat', ['-p'], { encoding: 'utf8' }).stdout ?? '';
  return [...listing.matchAll(/^printer (comptoir_test_(\d+)) /gm)]
    .filter(([, , pid]) => {
      try {
        process.kill(Number(pid), 0);
        return true;
      } catch {
        return false;
      }
    })
    .map(([, queue]) => queue);
}

async function startCups() {
  /** The cupsd this run started, if any: the only one it may stop. */
  let started;
  if (!cupsRunning()) {
    if (!isRoot)
      throw new Error('CUPS is not running and only root can start it (/usr/sbin/cupsd)');
    // In the foreground (-f) so that its pid is ours to stop, detached from our terminal.
    started = spawn('/usr/sbin/cupsd', ['-f'], { stdio: 'ignore', detached: true });
    started.unref();
    for (let i = 0; i < 50 && !cupsRunning(); i += 1) await sleep(100);
    if (!cupsRunning()) throw new Error('cupsd did not start');
  }
  const queue = `comptoir_test_${process.pid}`;
  execFileSync(
    'lpadmin',
    ['-p', queue, '-v', 'cups-pdf:/', '-E', '-m', 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd'],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  );
  log(`CUPS queue ${queue} (cups-pdf)`);
  // cups-pdf makes its output folder on its first job only: on a fresh machine, a test that
  // lists the folder before that job is written would find no folder at all. Made here as
  // cups-pdf would make it (owned by the submitting user, private to them).
  const outputDir = cupsPdfOutputDir();
  mkdirSync(outputDir, { recursive: true, mode: 0o700 });
  return {
    queue,
    uri: `ipp://127.0.0.1:631/printers/${queue}`,
    outputDir,
    stop() {
      spawnSync('lpadmin', ['-x', queue]);
      // Another run that found this cupsd running uses it still: leave it to that run's end.
      if (started?.pid && liveTestQueues().length === 0) process.kill(started.pid, 'SIGTERM');
    },
  };
}

/**
 * Starts the environment and returns its variables and a stop function.
 * @returns {Promise<{ env: Record<string, string>, stop: () => void }>}
 */
export async function startTestEnv() {
  ensureSystemPackages();
  const stops = [];
  const stop = () => {
    for (const s of stops.reverse()) {
      try {
        s();
      } catch (error) {
        console.error(`[test-env] stop: ${error instanceof Error ? error.message : error}`);
      }
    }
    stops.length = 0;
  };
  try {
    const pg = await startPostgres();
    stops.push(() => pg.stop());
    const cups = await startCups();
    stops.push(() => cups.stop());
    return {
      env: {
        COMPTOIR_TEST_PG_URL: pg.url,
        COMPTOIR_TEST_CUPS_PRINTER: cups.queue,
        COMPTOIR_TEST_CUPS_URI: cups.uri,
        COMPTOIR_TEST_CUPS_OUTPUT_DIR: cups.outputDir,
        CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
        TURBO_TELEMETRY_DISABLED: '1',
      },
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}

// CLI: node scripts/test-env.mjs -- command args...
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dash = process.argv.indexOf('--');
  const command = dash >= 0 ? process.argv.slice(dash + 1) : [];
  if (command.length === 0) {
    console.error('usage: node scripts/test-env.mjs -- <command ...>');
    process.exit(2);
  }
  const { env, stop } = await startTestEnv();
  const child = spawn(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    stop();
    process.exit(code ?? (signal ? 1 : 0));
  });
}
