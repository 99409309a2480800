import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from './agent.js';
import { loadAgentSettings } from './config/agent-settings.js';
import { noFaults } from './faults.js';
import { freePort } from './testing/free-port.js';
import { createPlainRenderer } from './testing/plain-renderer.js';

// The started agent, over a real socket: the Host a browser really sends, and the modes of the
// files the agent really creates on its first start.

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function startInTemporaryDir(
  env: Record<string, string> = {},
  site?: Record<string, unknown>,
): Promise<{ agent: RunningAgent; dataDir: string; port: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-agent-hostile-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const dataDir = join(dir, 'data', 'agent');
  const port = await freePort();
  let sitePath = '';
  if (site) {
    sitePath = join(dir, 'site.json');
    writeFileSync(sitePath, JSON.stringify(site));
  }
  const settings = loadAgentSettings({
    AGENT_DATA_DIR: dataDir,
    AGENT_PORT: String(port),
    AGENT_SITE: sitePath,
    ...env,
  });
  const agent = await startAgent(settings, {
    renderer: createPlainRenderer(),
    faults: noFaults,
    log: () => undefined,
  });
  cleanups.push(() => agent.stop());
  return { agent, dataDir: settings.dataDir, port };
}

describe('the started agent', () => {
  it('answers its own names, the site file’s and AGENT_ALLOWED_HOSTS, and refuses any other Host', async () => {
    const { agent, port } = await startInTemporaryDir({
      AGENT_ALLOWED_HOSTS: 'imprimante.concession.lan, 10.9.8.7',
    });
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      'imprimante.concession.lan',
      '10.9.8.7:9631',
    ]) {
      expect((await getWithHost(`${agent.url}/health`, host)).status, host).toBe(200);
    }
    const rebound = await getWithHost(`${agent.url}/health`, `rebind.attacker.example:${port}`);
    expect(rebound.status).toBe(421);
    expect(rebound.body).toContain('host_not_allowed');
  });

  it('takes the site file’s publicHost and altNames as its names', async () => {
    const port = await freePort();
    const { agent } = await startInTemporaryDir(
      { AGENT_PORT: String(port) },
      {
        server: { origin: 'https://comptoir.example' },
        agent: {
          host: '127.0.0.1',
          port,
          publicHost: 'agent.concession.lan',
          altNames: ['192.168.1.20'],
        },
        printers: [{ id: 'pdf', name: 'Fichier', driver: 'file', roles: ['plate'] }],
      },
    );
    for (const host of ['agent.concession.lan', '192.168.1.20']) {
      expect((await getWithHost(`${agent.url}/health`, host)).status, host).toBe(200);
    }
  });

  it('creates its data dir 0700 and every file in it 0600 on the first start', async () => {
    const { agent, dataDir } = await startInTemporaryDir({
      AGENT_ADMIN_SECRET: 'a-long-secret-123',
    });
    // A TEST page on the default file printer: the printed folder and a PDF in it.
    const printed = await fetch(`${agent.url}/admin/test-page`, {
      method: 'POST',
      headers: {
        'x-agent-admin-secret': 'a-long-secret-123',
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify({ printer: 'file' }),
    });
    expect(printed.status).toBe(200);
    await agent.stop();
    cleanups.pop();
    const modeOf = (path: string) => statSync(path).mode & 0o777;
    expect(modeOf(dataDir).toString(8)).toBe('700');
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        return entry.isDirectory() ? [path, ...walk(path)] : [path];
      });
    const entries = walk(dataDir);
    expect(entries.map((path) => path.slice(dataDir.length + 1))).toEqual(
      expect.arrayContaining([
        'ledger.sqlite',
        'printed',
        expect.stringMatching(/^printed\/.+\.pdf$/),
      ]),
    );
    for (const path of entries) {
      const expected = statSync(path).isDirectory() ? '700' : '600';
      expect(`${path}: ${modeOf(path).toString(8)}`).toBe(`${path}: ${expected}`);
    }
  });
});
