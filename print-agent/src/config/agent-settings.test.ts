import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAgentSettings } from './agent-settings.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A site file in `<tmp>/sites/`, with `agent` and `printers` as given. */
function writeSite(
  agent: Record<string, unknown>,
  printers: unknown[],
): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-agent-settings-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'sites', 'secrets'), { recursive: true });
  writeFileSync(join(dir, 'sites', 'secrets', 'admin'), 'secret-next-to-the-site\n');
  const path = join(dir, 'sites', 'site.json');
  writeFileSync(
    path,
    JSON.stringify({ server: { origin: 'https://comptoir.example' }, agent, printers }),
  );
  return { dir, path };
}

const filePrinter = (directory?: string) => ({
  id: 'pdf',
  name: 'Fichier',
  driver: 'file',
  roles: ['plate'],
  ...(directory === undefined ? {} : { directory }),
});

describe('loadAgentSettings with a site file', () => {
  it('reads relative paths from the site file’s folder, not from where the agent started', () => {
    const { dir, path } = writeSite(
      {
        tls: { certFile: 'certs/agent.pem', keyFile: '../keys/agent-key.pem' },
        adminSecretRef: { file: 'secrets/admin' },
        dataDir: 'agent-data',
      },
      [filePrinter('out/printed')],
    );
    const settings = loadAgentSettings({ AGENT_SITE: path });
    expect(settings.tls).toEqual({
      certFile: join(dir, 'sites', 'certs', 'agent.pem'),
      keyFile: join(dir, 'keys', 'agent-key.pem'),
    });
    expect(settings.dataDir).toBe(join(dir, 'sites', 'agent-data'));
    expect(settings.adminSecret).toBe('secret-next-to-the-site');
    expect(settings.printers).toEqual([
      expect.objectContaining({ id: 'pdf', directory: join(dir, 'sites', 'out', 'printed') }),
    ]);
  });

  it('keeps absolute paths, and a file printer without a directory', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'comptoir-agent-settings-'));
    dirs.push(elsewhere);
    writeFileSync(join(elsewhere, 'admin'), 'secret-elsewhere\n');
    const { path } = writeSite(
      {
        tls: { certFile: '/etc/comptoir/agent.pem', keyFile: '/etc/comptoir/agent-key.pem' },
        adminSecretRef: { file: join(elsewhere, 'admin') },
        dataDir: join(elsewhere, 'data'),
      },
      [filePrinter()],
    );
    const settings = loadAgentSettings({ AGENT_SITE: path });
    expect(settings.tls).toEqual({
      certFile: '/etc/comptoir/agent.pem',
      keyFile: '/etc/comptoir/agent-key.pem',
    });
    expect(settings.dataDir).toBe(join(elsewhere, 'data'));
    expect(settings.adminSecret).toBe('secret-elsewhere');
    expect(settings.printers[0]).not.toHaveProperty('directory');
  });

  it('takes `--site <file>` (or `--site=<file>`) as a synonym of AGENT_SITE, and it wins', () => {
    const { dir, path } = writeSite({ adminSecretRef: { file: 'secrets/admin' } }, [filePrinter()]);
    const env = { AGENT_DATA_DIR: join(dir, 'env-data') };
    for (const args of [['--site', path], [`--site=${path}`]]) {
      const settings = loadAgentSettings({ ...env, AGENT_SITE: '/nowhere/site.json' }, args);
      expect(settings.adminSecret).toBe('secret-next-to-the-site');
      expect(settings.allowedOrigins).toEqual(['https://comptoir.example']);
    }
    expect(() => loadAgentSettings(env, ['--sit', path])).toThrow(/--sit/);
  });
});

describe('loadAgentSettings without a site file', () => {
  it('takes an empty AGENT_SITE (or --site "") as no site file: one file printer in the data dir', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-agent-settings-'));
    dirs.push(dataDir);
    const env = {
      AGENT_SITE: '',
      AGENT_DATA_DIR: dataDir,
      AGENT_ADMIN_SECRET: 'a-long-secret-123',
    };
    for (const settings of [
      loadAgentSettings(env),
      loadAgentSettings({ ...env, AGENT_SITE: '/nowhere/site.json' }, ['--site', '']),
    ]) {
      expect(settings.printers).toEqual([
        expect.objectContaining({
          id: 'file',
          driver: 'file',
          directory: join(dataDir, 'printed'),
        }),
      ]);
      expect(settings.tls).toBeUndefined();
      expect(settings.adminSecret).toBe('a-long-secret-123');
      expect(settings.allowedOrigins).toEqual(['http://127.0.0.1:3000']);
    }
  });
});
