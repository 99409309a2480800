import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newAdminSecretNotice } from '../agent.js';
import { loadAgentSettings, TrustSettingConflictError } from './agent-settings.js';

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

describe('one rule: flag > environment > site file > default', () => {
  it('resolves host, port and data dir from the first source that sets them', () => {
    const { dir, path } = writeSite({ host: '127.0.0.2', port: 9700, dataDir: 'site-data' }, [
      filePrinter(),
    ]);
    const env = { AGENT_SITE: path, AGENT_ADMIN_SECRET: 'a-long-secret-123' };
    const fromSite = loadAgentSettings(env);
    expect([fromSite.host, fromSite.port, fromSite.dataDir]).toEqual([
      '127.0.0.2',
      9700,
      join(dir, 'sites', 'site-data'),
    ]);
    const envData = join(dir, 'env-data');
    const fromEnv = loadAgentSettings({
      ...env,
      AGENT_HOST: '127.0.0.3',
      AGENT_PORT: '9701',
      AGENT_DATA_DIR: envData,
    });
    expect([fromEnv.host, fromEnv.port, fromEnv.dataDir]).toEqual(['127.0.0.3', 9701, envData]);
    const flagData = join(dir, 'flag-data');
    const fromFlags = loadAgentSettings(
      { ...env, AGENT_HOST: '127.0.0.3', AGENT_PORT: '9701', AGENT_DATA_DIR: envData },
      ['--host', '127.0.0.4', '--port', '9702', '--data-dir', flagData],
    );
    expect([fromFlags.host, fromFlags.port, fromFlags.dataDir]).toEqual([
      '127.0.0.4',
      9702,
      flagData,
    ]);
    const defaults = loadAgentSettings({ AGENT_SITE: '', AGENT_DATA_DIR: envData });
    expect([defaults.host, defaults.port]).toEqual(['127.0.0.1', 9631]);
    expect(() => loadAgentSettings(env, ['--port', 'many'])).toThrow();
  });
});

describe('trust settings: the environment and the site file agree or the agent refuses', () => {
  const secretEnv = { AGENT_ADMIN_SECRET: 'secret-next-to-the-site' };

  it('refuses an ORIGIN that is not the site file’s server, naming both', () => {
    const { path } = writeSite({ adminSecretRef: { file: 'secrets/admin' } }, [filePrinter()]);
    const load = () =>
      loadAgentSettings({ AGENT_SITE: path, ...secretEnv, ORIGIN: 'http://127.0.0.1:3101' });
    expect(load).toThrow(TrustSettingConflictError);
    expect(load).toThrow(/allowed origins.*\(ORIGIN\).*site\.json/);
  });

  it.each([
    [
      'AGENT_ALLOWED_ORIGINS',
      { AGENT_ALLOWED_ORIGINS: 'https://elsewhere.example' },
      /allowed origins/,
    ],
    ['AGENT_JWKS_URL', { AGENT_JWKS_URL: 'https://elsewhere.example/jwks.json' }, /JWKS URL/],
    ['AGENT_ADMIN_SECRET', { AGENT_ADMIN_SECRET: 'another-long-secret' }, /admin secret/],
    [
      'AGENT_TLS_CERT_FILE',
      { AGENT_TLS_CERT_FILE: '/etc/other.pem', AGENT_TLS_KEY_FILE: '/etc/other-key.pem' },
      /TLS/,
    ],
    ['AGENT_PINNED_KEYS', { AGENT_PINNED_KEYS: '[]' }, /pinned keys/],
  ])('refuses %s that differs from the site file', (_name, env, message) => {
    const { path } = writeSite(
      {
        adminSecretRef: { file: 'secrets/admin' },
        tls: { certFile: '/etc/agent.pem', keyFile: '/etc/agent-key.pem' },
        pinnedKeys: [{ kty: 'OKP', crv: 'Ed25519', x: 'A'.repeat(43), kid: 'k1' }],
      },
      [filePrinter()],
    );
    expect(() => loadAgentSettings({ ...secretEnv, ...env, AGENT_SITE: path })).toThrow(message);
  });

  it('starts when both set a trust setting to the same value', () => {
    const { path } = writeSite({ adminSecretRef: { file: 'secrets/admin' } }, [filePrinter()]);
    const settings = loadAgentSettings({
      AGENT_SITE: path,
      ...secretEnv,
      ORIGIN: 'https://comptoir.example',
      AGENT_JWKS_URL: 'https://comptoir.example/.well-known/jwks.json',
    });
    expect(settings.allowedOrigins).toEqual(['https://comptoir.example']);
    expect(settings.adminSecret).toBe('secret-next-to-the-site');
  });
});

describe('a new admin secret', () => {
  it('is written to a 0600 file, shown on a terminal, and only its path logged elsewhere', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-agent-settings-'));
    dirs.push(dataDir);
    const settings = loadAgentSettings({ AGENT_SITE: '', AGENT_DATA_DIR: dataDir });
    expect(settings.isAdminSecretNew).toBe(true);
    const file = join(dataDir, 'admin-secret');
    expect(settings.adminSecretFile).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(newAdminSecretNotice(settings, true)).toContain(settings.adminSecret);
    const logged = newAdminSecretNotice(settings, false);
    expect(logged).not.toContain(settings.adminSecret);
    expect(logged).toContain(file);
    expect(loadAgentSettings({ AGENT_SITE: '', AGENT_DATA_DIR: dataDir }).isAdminSecretNew).toBe(
      false,
    );
  });
});
