import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startAgent } from './agent.js';
import { loadAgentSettings } from './config/agent-settings.js';
import { noFaults } from './faults.js';
import { freePort } from './testing/free-port.js';
import { createPlainRenderer } from './testing/plain-renderer.js';

const run = promisify(execFile);
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function getJson(url: string, ca: Buffer): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startAgent from a site file', () => {
  it('serves HTTPS with the site certificate, and reads the admin secret where the site says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-agent-tls-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    // The site file names its files relative to its own folder, as kiosk-config writes them;
    // the tests run from the package folder, where none of them exists.
    const certFile = join(dir, 'agent.crt');
    const keyFile = join(dir, 'agent.key');
    // A self-signed certificate for 127.0.0.1 (kiosk-config issues real ones from the site CA).
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]);
    writeFileSync(join(dir, 'secret'), 'a-secret-from-a-file\n');
    const site = join(dir, 'site.json');
    const port = await freePort();
    writeFileSync(
      site,
      JSON.stringify({
        server: { origin: 'https://comptoir.example' },
        agent: {
          host: '127.0.0.1',
          port,
          tls: { certFile: 'agent.crt', keyFile: './agent.key' },
          adminSecretRef: { file: 'secret' },
          dataDir: 'agent',
        },
        printers: [{ id: 'pdf', name: 'Fichier', driver: 'file', roles: ['plate'] }],
      }),
    );
    const settings = loadAgentSettings({ AGENT_SITE: site });
    expect(settings.adminSecret).toBe('a-secret-from-a-file');
    expect(settings.tls).toEqual({ certFile, keyFile });
    expect(settings.dataDir).toBe(join(dir, 'agent'));
    expect(settings.allowedOrigins).toEqual(['https://comptoir.example']);
    expect(settings.jwksUrl).toBe('https://comptoir.example/.well-known/jwks.json');
    const lines: string[] = [];
    const agent = await startAgent(settings, {
      renderer: createPlainRenderer(),
      faults: noFaults,
      log: (line) => lines.push(line),
    });
    cleanups.push(() => agent.stop());
    expect(agent.url).toBe(`https://127.0.0.1:${port}`);
    const health = await getJson(`${agent.url}/health`, readFileSync(certFile));
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', printers: 1 } });
    expect(lines.join('\n')).toContain(agent.pairing.current().code);
  });
});
