import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const scratch = await mkdtemp(join(tmpdir(), 'comptoir-web-unit-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

// The web server's unit lives in docs/operating.md, where the person installing reads it: the
// test reads it there, so the documented unit is the one that is scored.
describe('the web server unit in docs/operating.md', () => {
  it('scores an exposure of 2.5 or less under systemd-analyze security', async () => {
    const doc = await readFile(new URL('../../docs/operating.md', import.meta.url), 'utf8');
    const unit = /```ini\n([\s\S]*?Description=Comptoir registry server[\s\S]*?)```/.exec(doc)?.[1];
    expect(unit).toBeDefined();
    const path = join(scratch, 'comptoir-web.service');
    await writeFile(path, unit ?? '');
    const { stdout } = await run('systemd-analyze', [
      'security',
      '--offline=yes',
      '--no-pager',
      path,
    ]);
    const exposure = /Overall exposure level for \S+: ([\d.]+)/.exec(stdout)?.[1];
    expect(Number(exposure)).toBeLessThanOrEqual(2.5);
    expect(unit).toContain('EnvironmentFile=/etc/comptoir/web.env');
    expect(unit).not.toMatch(/DATABASE_URL=|COMPTOIR_SECRET_KEY=/);
  });
});
