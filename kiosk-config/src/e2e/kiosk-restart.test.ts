import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kioskLauncherFiles } from '../kiosk-launcher.js';
import { loopbackSite } from '../test-sites.js';
import { requireChromiumPath, run } from './chain-harness.js';

const scratch = await mkdtemp(join(tmpdir(), 'comptoir-kiosk-restart-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** The launcher's browser: its one child process that is not the 2-second pause. */
const browserOf = async (launcherPid: number): Promise<number | undefined> => {
  const children = await run('pgrep', ['-P', String(launcherPid)]).catch(() => ({ stdout: '' }));
  for (const pid of children.stdout.split('\n').filter(Boolean)) {
    const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (command.includes('--kiosk')) return Number(pid);
  }
  return undefined;
};

const waitFor = async <T>(check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

// The README promises that the app comes back: kill the real kiosk browser, it is restarted.
describe('the kiosk launcher, with the real Chromium', () => {
  it('starts the browser again after it is killed, and stops it when the session ends', async () => {
    const dir = join(scratch, 'kiosk');
    await mkdir(join(dir, 'policies'), { recursive: true });
    for (const file of await kioskLauncherFiles(loopbackSite(), 'salle-1')) {
      await writeFile(join(dir, file.name), file.content);
      await chmod(join(dir, file.name), file.mode);
    }
    await writeFile(join(dir, 'policies', 'comptoir-kiosk.json'), '{}');
    const launcher = spawn('sh', [join(dir, 'kiosk-start.sh')], {
      env: {
        ...process.env,
        HOME: dir,
        CHROMIUM: requireChromiumPath(),
        COMPTOIR_POLICY_DIR: join(dir, 'policies'),
        // Debian's wrapper adds CHROMIUM_FLAGS: no display here, and tests run as root.
        CHROMIUM_FLAGS: '--headless --no-sandbox --disable-gpu',
      },
      stdio: 'ignore',
    });
    const launcherPid = launcher.pid ?? 0;
    try {
      const first = await waitFor(() => browserOf(launcherPid));
      process.kill(first, 'SIGKILL');
      const second = await waitFor(async () => {
        const pid = await browserOf(launcherPid);
        return pid !== undefined && pid !== first ? pid : undefined;
      });
      expect(second).not.toBe(first);
      launcher.kill('SIGTERM');
      expect(await new Promise((resolve) => launcher.once('exit', resolve))).toBe(0);
      await waitFor(async () => {
        const stat = await readFile(`/proc/${second}/stat`, 'utf8').catch(() => 'x (x) Z');
        return /^\d+ \(.*\) Z/.test(stat) ? true : undefined;
      }, 30_000);
    } finally {
      if (launcher.exitCode === null) launcher.kill('SIGKILL');
    }
  }, 180_000);
});
