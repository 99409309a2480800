import { kioskSettingsSchema } from '@comptoir/shared';
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caNickname,
  kioskLauncherFiles,
  LauncherError,
  windowsPolicyReg,
  type GeneratedFile,
} from './kiosk-launcher.js';
import { initSiteCa } from './pki/site-ca.service.js';
import { lanSite, loopbackSite } from './test-sites.js';

const run = promisify(execFile);

/** Polls until `read` gives a non-empty value (10 s). */
const eventually = async (read: () => Promise<string>): Promise<string> => {
  for (let i = 0; i < 100; i += 1) {
    const value = await read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met in time');
};
const scratch = await mkdtemp(join(tmpdir(), 'comptoir-launcher-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

let caPem: string;
beforeAll(async () => {
  caPem = (
    await initSiteCa(join(scratch, 'ca'), { commonName: 'Comptoir CA launcher test' })
  ).certificate.toString('pem');
});

const writeFiles = async (dir: string, files: GeneratedFile[]): Promise<void> => {
  await mkdir(dir, { recursive: true });
  for (const file of files) {
    await writeFile(join(dir, file.name), file.content);
    await chmod(join(dir, file.name), file.mode);
  }
};

const fileNamed = (files: GeneratedFile[], name: string): string => {
  const file = files.find((candidate) => candidate.name === name);
  if (file === undefined) throw new Error(`no ${name}`);
  return file.content;
};

describe('kioskLauncherFiles', () => {
  it('refuses an unknown kiosk, naming the known ones', async () => {
    await expect(kioskLauncherFiles(loopbackSite(), 'nowhere')).rejects.toThrow(/salle-1, baie/);
  });

  it('needs the CA when the agent speaks HTTPS', async () => {
    await expect(kioskLauncherFiles(lanSite(), 'salle-1')).rejects.toBeInstanceOf(LauncherError);
  });

  it('writes shell scripts that parse', async () => {
    const dir = join(scratch, 'syntax');
    await writeFiles(
      dir,
      await kioskLauncherFiles(lanSite(), 'salle-1', { caCertificatePem: caPem }),
    );
    await run('sh', ['-n', join(dir, 'kiosk-setup.sh')]);
    await run('sh', ['-n', join(dir, 'kiosk-start.sh')]);
  });

  it('starts Chromium in kiosk mode on the app, in the kiosk language, and stops it with itself', async () => {
    const dir = join(scratch, 'start');
    await writeFiles(dir, await kioskLauncherFiles(lanSite(), 'baie', { caCertificatePem: caPem }));
    const policyDir = join(dir, 'policies');
    await mkdir(policyDir);
    await writeFile(join(policyDir, 'comptoir-kiosk.json'), '{}');
    // A stand-in browser that writes down how it was started, then runs until stopped.
    const browser = join(dir, 'fake-browser.sh');
    const started = join(dir, 'started.txt');
    await writeFile(browser, `#!/bin/sh\necho "$@" >> "${started}"\nexec sleep 600\n`);
    await chmod(browser, 0o755);
    const launcher = spawn('sh', [join(dir, 'kiosk-start.sh')], {
      env: { ...process.env, CHROMIUM: browser, COMPTOIR_POLICY_DIR: policyDir },
      stdio: 'ignore',
    });
    const stdout = await eventually(async () => readFile(started, 'utf8').catch(() => ''));
    expect(stdout).toContain('--kiosk');
    expect(stdout).toContain('--lang=en-CA');
    expect(stdout.trim().endsWith('https://comptoir.example.ca/')).toBe(true);
    expect(stdout).not.toMatch(/incognito|user-data-dir/);
    const browserPid = Number((await run('pgrep', ['-P', String(launcher.pid)])).stdout.trim());
    launcher.kill('SIGTERM');
    expect(await new Promise((resolve) => launcher.once('exit', resolve))).toBe(0);
    // Gone, or a zombie waiting for a parent that reaps (this machine's init may not).
    await eventually(async () => {
      const stat = await readFile(`/proc/${browserPid}/stat`, 'utf8').catch(() => 'x (x) Z');
      return /^\d+ \(.*\) Z/.test(stat) ? 'stopped' : '';
    });
  });

  it('starts no browser whose policy directory lacks the kiosk policy', async () => {
    const dir = join(scratch, 'no-policy');
    await writeFiles(dir, await kioskLauncherFiles(lanSite(), 'baie', { caCertificatePem: caPem }));
    const failed = await run('sh', [join(dir, 'kiosk-start.sh')], {
      env: { ...process.env, CHROMIUM: '/bin/echo', COMPTOIR_POLICY_DIR: join(dir, 'none') },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('comptoir-kiosk.json is missing'),
    });
  });

  it('gives the kiosk app its settings file', async () => {
    const files = await kioskLauncherFiles(lanSite(), 'baie', { caCertificatePem: caPem });
    const settings = kioskSettingsSchema.parse(JSON.parse(fileNamed(files, 'kiosk-settings.json')));
    expect(settings).toMatchObject({
      kiosk: { id: 'baie', idleLockMinutes: 5 },
      agent: { url: 'https://192.168.10.5:9631', addressSpace: 'local' },
    });
  });

  it('turns the policy into a Windows registry file', () => {
    const reg = windowsPolicyReg({
      PrintingEnabled: false,
      RestoreOnStartup: 4,
      HomepageLocation: 'https://a.ca/',
      LocalNetworkAllowedForUrls: ['https://a.ca'],
    });
    expect(reg.split('\r\n')).toEqual([
      'Windows Registry Editor Version 5.00',
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome]',
      '"PrintingEnabled"=dword:00000000',
      '"RestoreOnStartup"=dword:00000004',
      '"HomepageLocation"="https://a.ca/"',
      '',
      '[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\LocalNetworkAllowedForUrls]',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\LocalNetworkAllowedForUrls]',
      '"1"="https://a.ca"',
      '',
    ]);
  });
});

describe('the generated Linux setup, run for real (into a test home, never system-wide)', () => {
  const home = join(scratch, 'home');
  const policyDir = join(scratch, 'policies');
  const nssdb = `sql:${join(home, '.pki', 'nssdb')}`;
  const setup = async (dir: string): Promise<void> => {
    await run('sh', [join(dir, 'kiosk-setup.sh')], {
      env: {
        ...process.env,
        // The current user stands for the kiosk user, so nothing is created on this machine.
        COMPTOIR_KIOSK_USER: userInfo().username,
        COMPTOIR_KIOSK_HOME: home,
        COMPTOIR_POLICY_DIR: policyDir,
      },
    });
  };

  it('trusts the site CA in the kiosk user NSS database, puts the policy and the autostart in place', async () => {
    const dir = join(scratch, 'kiosk-salle-1');
    const site = lanSite();
    await writeFiles(dir, await kioskLauncherFiles(site, 'salle-1', { caCertificatePem: caPem }));
    await setup(dir);
    // Twice: re-running the setup must be harmless.
    await setup(dir);
    const { stdout: listed } = await run('certutil', ['-L', '-d', nssdb]);
    const trusted = listed.split('\n').filter((line) => line.includes(caNickname(site)));
    expect(trusted).toHaveLength(1);
    expect(trusted[0]).toMatch(/C,,\s*$/);
    const { stdout: pem } = await run('certutil', [
      '-L',
      '-d',
      nssdb,
      '-n',
      caNickname(site),
      '-a',
    ]);
    expect(pem.replace(/\r/g, '').trim()).toBe(caPem.trim());
    const policy: unknown = JSON.parse(
      await readFile(join(policyDir, 'comptoir-kiosk.json'), 'utf8'),
    );
    expect(policy).toMatchObject({ LocalNetworkAllowedForUrls: ['https://comptoir.example.ca'] });
    const desktop = await readFile(
      join(home, '.config', 'autostart', 'comptoir-kiosk.desktop'),
      'utf8',
    );
    expect(desktop).toContain(`Exec=${join(home, 'comptoir-kiosk.sh')}`);
  });

  it('skips the CA for an agent on the kiosk over HTTP', async () => {
    const files = await kioskLauncherFiles(loopbackSite(), 'salle-1');
    expect(files.map((file) => file.name)).not.toContain('site-ca.crt');
    expect(fileNamed(files, 'kiosk-setup.sh')).not.toContain('certutil');
  });
});
