// Smoke test of `npm start` (scripts/start.mjs) as a user runs it: the whole system starts on
// its embedded defaults, serves the two health endpoints and the French home page, and stops
// cleanly on Ctrl-C (SIGINT). Ports and the data dir are moved aside so it never touches a
// developer's running instance.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from './test-env.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return response;
      lastError = new Error(`${url}: HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await sleep(250);
  }
  throw lastError ?? new Error(`${url} did not answer`);
}

test('npm start serves the web and agent health endpoints and a French home page, then stops on Ctrl-C', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-start-'));
  const port = await freePort();
  const agentPort = await freePort();
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      AGENT_PORT: String(agentPort),
      COMPTOIR_DATA_DIR: dataDir,
      AGENT_SITE: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  try {
    const web = await (await waitFor(`http://127.0.0.1:${port}/api/health`, 60_000)).json();
    assert.equal(web.status, 'ok');
    const agent = await (await waitFor(`http://127.0.0.1:${agentPort}/health`, 30_000)).json();
    assert.equal(agent.status, 'ok');
    const home = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    assert.match(home, /<html[^>]*lang="fr"/);
    assert.match(output, /demo-password/);
    assert.ok(existsSync(dataDir) && readdirSync(dataDir).length > 0, 'the data dir is used');
  } finally {
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
    rmSync(dataDir, { recursive: true, force: true });
    assert.equal(code, 0, `npm start did not stop cleanly:\n${output.slice(-2000)}`);
  }
});
