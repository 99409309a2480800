import { kioskSettingsSchema, siteEnrolmentSchema } from '@comptoir/shared';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from './cli-commands.js';
import { siteInput } from './test-sites.js';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const scratch = await mkdtemp(join(tmpdir(), 'comptoir-cli-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Runs the CLI in-process, capturing what it prints. */
const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    cwd: scratch,
    env: {},
  };
  const code = await runCli(argv, io);
  return { code, out, err };
};

const writeSite = async (name: string, input: unknown): Promise<string> => {
  const path = join(scratch, name);
  await writeFile(path, JSON.stringify(input));
  return path;
};

const demo = join(packageDir, 'sites', 'demo.json');
const dealership = join(packageDir, 'sites', 'dealership.json');

describe('comptoir-site', () => {
  it('validates the examples', async () => {
    for (const path of [demo, dealership])
      expect(await cli('validate', path)).toMatchObject({ code: 0 });
  });

  it('lists every problem of a broken site at once, in French and English, and exits 1', async () => {
    const input = siteInput();
    const path = await writeSite('broken.json', {
      ...input,
      agent: { host: 'http://agent', port: 9631 },
      kiosks: [
        { id: 'k', name: 'K', location: 'showroom', defaultPrinters: { plate: 'ghost' } },
        { id: 'k', name: 'K2', location: 'showroom' },
      ],
    });
    const { code, err } = await cli('validate', path);
    expect(code).toBe(1);
    expect(err).toContain('3 problème(s) / problem(s)');
    expect(err).toContain('✗ $.agent.host (bad_host)');
    expect(err).toContain('✗ $.kiosks[1].id (duplicate_kiosk_id)');
    expect(err).toContain('✗ $.kiosks[0].defaultPrinters.plate (unknown_printer)');
    expect(err).toMatch(/fr : aucune imprimante « ghost » — utilisez l'un de : laser, receipts/);
  });

  it('answers usage errors with exit code 2', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('validate')).code).toBe(2);
    expect((await cli('chromium-policy', demo)).code).toBe(2);
  });

  it('keeps the committed JSON Schema in step with the shared schema', async () => {
    const committed: unknown = JSON.parse(
      await readFile(join(packageDir, 'site.schema.json'), 'utf8'),
    );
    const { out } = await cli('json-schema');
    expect(JSON.parse(out)).toEqual(committed);
  });

  it('prints a kiosk policy and refuses an unknown kiosk', async () => {
    const policy: unknown = JSON.parse((await cli('chromium-policy', dealership, 'salle-1')).out);
    expect(policy).toMatchObject({
      LocalNetworkAllowedForUrls: ['https://comptoir.automobiles-boulevard.ca'],
    });
    const unknown = await cli('chromium-policy', dealership, 'salle-9');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('salle-1, salle-2, livraison');
  });

  it('gives the enrolment request and the kiosk settings in their shared shapes', async () => {
    const enrolment = siteEnrolmentSchema.parse(
      JSON.parse((await cli('enrolment', dealership)).out),
    );
    expect(enrolment.kiosks.map((kiosk) => [kiosk.kioskId, kiosk.idleLockMinutes])).toEqual([
      ['salle-1', 10],
      ['salle-2', 10],
      ['livraison', 5],
    ]);
    const settings = kioskSettingsSchema.parse(
      JSON.parse((await cli('kiosk-settings', dealership, 'salle-2')).out),
    );
    expect(settings.printerByRole).toEqual({
      plate: 'laser-bureau',
      certificate: 'laser-bureau',
      atac: 'laser-cups',
      receipt: 'recus-comptoir',
    });
    expect(settings.agent).toEqual({ url: 'https://192.168.10.5:9631', addressSpace: 'local' });
  });

  it('creates a CA, the agent certificate where the site file says, and the kiosk folder', async () => {
    const sitePath = await writeSite('lan.json', {
      ...siteInput(),
      agent: {
        host: '0.0.0.0',
        publicHost: 'agent.test.lan',
        tls: { certFile: 'tls/agent.crt', keyFile: 'tls/agent.key' },
      },
    });
    expect(await cli('ca', 'init', '--dir', 'ca', '--name', 'Comptoir CA CLI')).toMatchObject({
      code: 0,
    });
    expect((await cli('ca', 'init', '--dir', 'ca')).code).toBe(1);
    expect(await cli('cert', 'agent', sitePath, '--ca', 'ca')).toMatchObject({ code: 0 });
    const { stdout } = await run('openssl', [
      'verify',
      '-CAfile',
      join(scratch, 'ca', 'ca.crt'),
      '-verify_hostname',
      'agent.test.lan',
      join(scratch, 'tls', 'agent.crt'),
    ]);
    expect(stdout).toContain(': OK');
    expect(await cli('launch', sitePath, 'baie', '--ca', 'ca')).toMatchObject({ code: 0 });
    expect(await readFile(join(scratch, 'kiosk-baie', 'site-ca.crt'), 'utf8')).toBe(
      await readFile(join(scratch, 'ca', 'ca.crt'), 'utf8'),
    );
  });

  it('prints the agent unit', async () => {
    const { code, out } = await cli(
      'systemd',
      dealership,
      'agent',
      '--site-path',
      '/etc/comptoir/laval.json',
    );
    expect(code).toBe(0);
    expect(out).toContain('Environment=AGENT_SITE=/etc/comptoir/laval.json');
  });

  it(
    'runs as the package bin (the build: `npm test` builds first)',
    { timeout: 30_000 },
    async () => {
      const bin = join(packageDir, 'dist', 'cli.js');
      const { stdout } = await run(process.execPath, [bin, 'validate', demo]);
      expect(stdout).toContain('✓');
      const failed = await run(process.execPath, [
        bin,
        'validate',
        join(scratch, 'nothing.json'),
      ]).catch((error: { code?: number; stderr?: string }) => error);
      expect(failed).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('file_not_found') as unknown,
      });
      const launched = await run(process.execPath, [
        bin,
        'launch',
        demo,
        'demo-kiosk',
        '--out',
        join(scratch, 'bin-kiosk'),
      ]);
      expect(launched.stdout).toContain('kiosk-setup.sh');
    },
  );
});
