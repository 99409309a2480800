import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { agentSystemdUnit } from './agent-unit.js';
import { lanSite, loopbackSite } from './test-sites.js';

const run = promisify(execFile);
const scratch = await mkdtemp(join(tmpdir(), 'comptoir-unit-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('agentSystemdUnit', () => {
  it('starts the agent from the site file, under its own user, with a private data dir', async () => {
    const unit = await agentSystemdUnit(lanSite(), { sitePath: '/etc/comptoir/laval.json' });
    expect(unit).toContain('Environment=AGENT_SITE=/etc/comptoir/laval.json');
    expect(unit).toContain('User=comptoir-agent');
    expect(unit).toContain('ExecStart=/usr/bin/node /opt/comptoir/print-agent/dist/main.js');
    expect(unit).toContain('ReadWritePaths=/var/lib/comptoir-agent');
    expect(unit).not.toContain('CAP_NET_BIND_SERVICE');
    expect(unit).not.toMatch(/\{\{|\}\}/);
  });

  it('lets file printers write where they print, and a low port bind', async () => {
    const site = loopbackSite({
      agent: {
        host: '127.0.0.1',
        port: 443,
        dataDir: '/srv/agent',
        adminSecretRef: { env: 'AGENT_SECRET' },
      },
      printers: [
        {
          id: 'laser',
          name: 'Laser',
          driver: 'file',
          directory: '/srv/printed',
          roles: ['plate', 'certificate', 'atac'],
        },
      ],
    });
    const unit = await agentSystemdUnit(site);
    expect(unit).toContain('ReadWritePaths=/srv/agent /srv/printed');
    expect(unit).toContain('Environment=AGENT_DATA_DIR=/srv/agent');
    expect(unit).toContain('AmbientCapabilities=CAP_NET_BIND_SERVICE');
    expect(unit).toContain('EnvironmentFile=/etc/comptoir/agent.env');
  });

  it('passes systemd-analyze verify', async () => {
    const path = join(scratch, 'comptoir-agent.service');
    await writeFile(
      path,
      await agentSystemdUnit(lanSite(), { nodePath: process.execPath, installDir: scratch }),
    );
    const result = await run('systemd-analyze', ['verify', '--man=no', path]).then(
      ({ stderr }) => stderr,
      (error: { stderr?: string }) => `FAILED ${error.stderr ?? ''}`,
    );
    // The unit's own lines must be clean; warnings about this machine's other units are not ours.
    expect(result.split('\n').filter((line) => line.includes('comptoir-agent.service'))).toEqual(
      [],
    );
  });

  it.each([
    ['on a port above 1024', lanSite()],
    [
      'on port 443',
      loopbackSite({
        agent: { host: '127.0.0.1', port: 443, adminSecretRef: { env: 'AGENT_SECRET' } },
      }),
    ],
  ])(
    'scores an exposure of 2.5 or less under systemd-analyze security, %s',
    async (_name, site) => {
      const path = join(scratch, `comptoir-agent-${site.agent.port}.service`);
      await writeFile(path, await agentSystemdUnit(site));
      const { stdout } = await run('systemd-analyze', [
        'security',
        '--offline=yes',
        '--no-pager',
        path,
      ]);
      const exposure = /Overall exposure level for \S+: ([\d.]+)/.exec(stdout)?.[1];
      expect(exposure, stdout).toBeDefined();
      expect(Number(exposure)).toBeLessThanOrEqual(2.5);
    },
  );
});
