import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/test-server.js';
import { loadBackupKey } from './archive-files.js';

const run = promisify(execFile);

/** Runs one of the server's commands the way `npm run <name> -w web` does. */
async function cli(script: string, args: string[], env: Record<string, string>) {
  return run('node', ['--import', 'tsx', `src/lib/server/${script}`, ...args], {
    env: { ...process.env, DATABASE_URL: '', ...env },
  });
}

// The commands an operator runs (docs/operating.md#backup-and-restore), on SQLite: backup
// while the server's storage is open, restore into an empty data dir, audit:verify after.
describe('npm run backup / restore', () => {
  let server: TestServer;
  let scratch = '';
  beforeAll(async () => {
    server = await createTestServer('sqlite');
    scratch = await mkdtemp(join(tmpdir(), 'backup-cli-'));
  });
  afterAll(async () => {
    await server?.dispose();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it(
    'writes an owner-only archive and key, restores it into a new epoch, and the audit verifies',
    { timeout: 120_000 },
    async () => {
      const keyFile = join(scratch, 'backup.key');
      const outDir = join(scratch, 'archives');
      const backup = await cli('backup/backup.cli.ts', ['--key-file', keyFile, '--out', outDir], {
        COMPTOIR_DATA_DIR: server.dataDir,
      });
      expect(backup.stdout).toMatch(/epoch 1.*comptoir\.sqlite, secret\.key/);
      const [archive] = await readdir(outDir);
      expect(archive).toMatch(/^comptoir-sqlite-.*\.backup$/);
      const archivePath = join(outDir, archive ?? '');
      expect((await stat(archivePath)).mode & 0o777).toBe(0o600);
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);

      const target = join(scratch, 'restored');
      const restore = await cli('backup/restore.cli.ts', ['--key-file', keyFile, archivePath], {
        COMPTOIR_DATA_DIR: target,
      });
      expect(restore.stdout).toMatch(/epoch 2 started, counters moved 1000 ahead/);
      for (const name of ['comptoir.sqlite', 'secret.key']) {
        expect((await stat(join(target, name))).mode & 0o777).toBe(0o600);
      }
      const verify = await cli('audit-verify.cli.ts', [], { COMPTOIR_DATA_DIR: target });
      expect(verify.stdout).toMatch(/All \d+ audit chains verify\./);

      // A wrong key opens nothing.
      const otherKey = join(scratch, 'other.key');
      await loadBackupKey(otherKey, true);
      await expect(
        cli('backup/restore.cli.ts', ['--key-file', otherKey, archivePath], {
          COMPTOIR_DATA_DIR: join(scratch, 'never'),
        }),
      ).rejects.toThrow(/wrong key or altered file/);
    },
  );
});
