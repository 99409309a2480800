// Smoke test of `npm start` (scripts/start.mjs) as a user runs it: the whole system starts on
// its embedded defaults, serves the two health endpoints and the French home page, and stops
// cleanly on Ctrl-C (SIGINT). Ports and the data dir are moved aside so it never touches a
// developer's running instance.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { findLeaks } from './log-pii.mjs';
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

/** Starts `npm start` (scripts/start.mjs) on its own ports and data dir, the demo site included. */
async function startInstance() {
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-start-'));
  const port = await freePort();
  const agentPort = await freePort();
  const env = { ...process.env, PORT: String(port), AGENT_PORT: String(agentPort) };
  // Nothing of a developer's own settings leaks in: the demo site must follow these alone.
  for (const name of [
    'ORIGIN',
    'AGENT_SITE',
    'AGENT_DATA_DIR',
    'AGENT_ALLOWED_ORIGINS',
    'AGENT_JWKS_URL',
  ])
    delete env[name];
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: { ...env, COMPTOIR_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const instance = { dataDir, port, agentPort, child, output: '' };
  child.stdout.on('data', (c) => (instance.output += c));
  child.stderr.on('data', (c) => (instance.output += c));
  return instance;
}

async function stopInstance(instance) {
  if (instance.child.exitCode === null) instance.child.kill('SIGINT');
  const code =
    instance.child.exitCode ?? (await new Promise((resolve) => instance.child.on('exit', resolve)));
  rmSync(instance.dataDir, { recursive: true, force: true });
  return code;
}

test('two npm start side by side, each on its own ports and data dir, print on their own agent', async () => {
  const instances = [await startInstance(), await startInstance()];
  try {
    for (const { port, agentPort, dataDir } of instances) {
      await waitFor(`http://127.0.0.1:${port}/api/health`, 120_000);
      await waitFor(`http://127.0.0.1:${agentPort}/health`, 60_000);
      assert.ok(existsSync(join(dataDir, 'demo-site.json')), 'the demo site follows the settings');
    }
    for (const instance of instances) {
      const { port, agentPort, dataDir } = instance;
      // The banner prints what each process really listens on, once both listen.
      const deadline = Date.now() + 30_000;
      while (!/Comptoir is running/.test(instance.output) && Date.now() < deadline)
        await sleep(100);
      const banner = instance.output.slice(instance.output.indexOf('Comptoir is running'));
      assert.match(banner, new RegExp(`Kiosk \\(web\\)\\s+http://127\\.0\\.0\\.1:${port}/`));
      assert.match(banner, new RegExp(`Print agent\\s+http://127\\.0\\.0\\.1:${agentPort}/health`));
      // Not a terminal: the new admin secret is not in the output, only its 0600 file.
      const secretFile = join(dataDir, 'agent', 'admin-secret');
      const secret = readFileSync(secretFile, 'utf8').trim();
      assert.equal(statSync(secretFile).mode & 0o777, 0o600);
      assert.ok(!instance.output.includes(secret), 'the secret is not logged');
      assert.ok(instance.output.includes(secretFile), 'the secret file is named');
      // The agent trusts this instance's server, not the one the committed demo site names.
      const site = JSON.parse(readFileSync(join(dataDir, 'demo-site.json'), 'utf8'));
      assert.equal(site.server.origin, `http://127.0.0.1:${port}`);
      // And prints, into this instance's data dir.
      const page = await fetch(`http://127.0.0.1:${agentPort}/admin/test-page`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-agent-admin-secret': secret,
        },
        body: JSON.stringify({ printer: 'demo-letter' }),
      });
      assert.equal(page.status, 200, await page.clone().text());
      const { jobId } = await page.json();
      const printed = join(dataDir, 'agent', 'printed');
      const file = readdirSync(printed).find((f) => f.includes(jobId));
      assert.ok(file, `test page ${jobId} printed in ${printed}`);
    }
  } finally {
    const codes = [];
    for (const instance of instances) codes.push(await stopInstance(instance));
    assert.deepEqual(codes, [0, 0], instances.map((i) => i.output.slice(-3000)).join('\n---\n'));
  }
});

test('the logs of a run hold JSON request lines and no personal data, password, code, cookie, token or secret', async () => {
  const instance = await startInstance();
  const { port, agentPort, dataDir } = instance;
  const web = `http://127.0.0.1:${port}`;
  const agent = `http://127.0.0.1:${agentPort}`;
  const json = (body, extra = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: web, ...extra },
    body: JSON.stringify(body),
  });
  const secrets = [];
  try {
    await waitFor(`${web}/api/health`, 120_000);
    await waitFor(`${agent}/health`, 60_000);
    // A person signs in, looks things up and types personal data into forms, some refused.
    const login = await fetch(
      `${web}/api/auth/login`,
      json({ username: 'demo-admin', password: 'demo-password' }),
    );
    assert.equal(login.status, 200, await login.clone().text());
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    assert.match(cookie, /^comptoir_session=.+/);
    secrets.push(cookie.split('=')[1]);
    const asPerson = { cookie };
    await fetch(`${web}/api/sessions?licence=L-100001`, { headers: asPerson });
    await fetch(`${web}/api/history/1HGCM82633A004352?licence=L-100001`, { headers: asPerson });
    await fetch(
      `${web}/api/checks/driver-licence?licence=L-100001`,
      json({ driverLicence: 'M567890123456', lastName: 'Morin' }, asPerson),
    );
    await fetch(
      `${web}/api/signup/employee`,
      json({
        accessCode: 'PES12345',
        firstName: 'Nadia',
        lastName: 'Morin',
        driverLicence: 'M567890123456',
        username: 'nadia.morin',
        password: 'demo-password-nadia-1',
      }),
    );
    await fetch(
      `${web}/api/commands`,
      json(
        {
          commands: [
            {
              type: 'bankaccount.set',
              licence: 'L-100001',
              payload: { institution: '815', transit: '30123', account: '9876543210' },
            },
          ],
        },
        asPerson,
      ),
    );
    await fetch(
      `${web}/api/auth/login`,
      json({ username: 'demo-admin', password: 'wrong-Lavoie-1' }),
    );
    // A kiosk pairs with the agent and an administrator prints a test page.
    const code = /Pairing code: (\d+)/.exec(instance.output)?.[1];
    const paired = await fetch(`${agent}/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const { token } = await paired.json();
    assert.ok(token, 'the kiosk paired');
    secrets.push(token);
    const adminSecret = readFileSync(join(dataDir, 'agent', 'admin-secret'), 'utf8').trim();
    secrets.push(adminSecret);
    await fetch(`${agent}/printers`, { headers: { authorization: `Bearer ${token}` } });
    await fetch(`${agent}/admin/test-page`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-agent-admin-secret': adminSecret },
      body: JSON.stringify({ printer: 'demo-letter' }),
    });
    await sleep(500);

    // What the two processes wrote (the banner of npm start names the demo password on purpose).
    const log = instance.output
      .split('\n')
      .filter((line) => /^\[(web|agent)\] /.test(line))
      .join('\n');
    const requestLines = log
      .split('\n')
      .map((line) => /^\[(web|agent)\] (\{.*\})$/.exec(line))
      .filter(Boolean)
      .map(([, , line]) => JSON.parse(line))
      .filter((line) => line.msg === 'request');
    assert.ok(
      requestLines.some(
        (l) => l.service === 'web' && l.route === '/api/auth/login' && l.status === 200,
      ),
      'a JSON line for the sign-in',
    );
    assert.ok(
      requestLines.some(
        (l) => l.service === 'print-agent' && l.route === '/printers' && l.status === 200,
      ),
      `a JSON line for the agent request:\n${log
        .split('\n')
        .filter((l) => l.startsWith('[agent]'))
        .join('\n')}`,
    );
    for (const line of requestLines)
      for (const field of ['requestId', 'method', 'route', 'status', 'durationMs'])
        assert.ok(field in line, `${field} in ${JSON.stringify(line)}`);
    // The demo people, licences and secrets (scripts/log-pii.mjs, shared with the e2e log
    // check), the wrong password typed above, and what this run made secret.
    assert.deepEqual(findLeaks(log, ['wrong-Lavoie-1', ...secrets]), [], 'the logs hold these');
  } finally {
    assert.equal(await stopInstance(instance), 0, instance.output.slice(-3000));
  }
});
