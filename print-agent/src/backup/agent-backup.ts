import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKUP_KEY_BYTES, type ArchiveFile, type BackupManifest } from '@comptoir/shared/backup';
import Database from 'better-sqlite3';
import { AGENT_DATABASE_FILE } from '../storage/agent-database.js';

/**
 * The agent's data dir as one consistent copy while it prints: the ledger through SQLite's
 * online backup API (better-sqlite3 `.backup()`; the agent keeps writing), with the other files
 * at the top of the data dir (admin secret, cached server keys, paired kiosks' files). Folders
 * (a file printer's output) are not the agent's state and stay out.
 */
export async function takeAgentBackup(
  dataDir: string,
  now: () => Date,
): Promise<{ manifest: BackupManifest; files: ArchiveFile[] }> {
  const takenAt = now().toISOString();
  const scratch = await mkdtemp(join(tmpdir(), 'comptoir-agent-backup-'));
  const files: ArchiveFile[] = [];
  try {
    const copyPath = join(scratch, AGENT_DATABASE_FILE);
    const live = new Database(join(dataDir, AGENT_DATABASE_FILE), { fileMustExist: true });
    try {
      live.pragma('busy_timeout = 5000');
      await live.backup(copyPath);
    } finally {
      live.close();
    }
    files.push({ name: AGENT_DATABASE_FILE, bytes: await readFile(copyPath) });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  for (const entry of await readdir(dataDir, { withFileTypes: true })) {
    if (
      !entry.isFile() ||
      entry.name.startsWith(AGENT_DATABASE_FILE) ||
      entry.name.endsWith('.part')
    )
      continue;
    files.push({ name: entry.name, bytes: await readFile(join(dataDir, entry.name)) });
  }
  return { manifest: { format: 1, product: 'agent', engine: 'sqlite', takenAt, epoch: 1 }, files };
}

/** Jobs that had not finished when the backup was taken: they may have printed since. */
const UNFINISHED_STATES = ['queued', 'rendering', 'sending', 'held'] as const;

/**
 * Puts an agent backup back (the agent stopped): whatever was in the way is renamed
 * `<file>.before-restore-<time>`. A restored ledger must not print again what may be on paper
 * already: every job unfinished at the backup becomes `to_check` (a person looks at the
 * printer, then marks it done or reprints it as COPY). Answers how many jobs were set aside.
 */
export async function restoreAgentBackup(
  dataDir: string,
  archive: { manifest: BackupManifest; files: ArchiveFile[] },
  now: () => Date,
): Promise<{ toCheck: number }> {
  if (archive.manifest.product !== 'agent') {
    throw new Error('this archive is a server backup, not a print agent backup');
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  for (const file of archive.files) {
    if (file.name.includes('/') || file.name.startsWith('.')) {
      throw new Error(`unexpected file in the archive: ${file.name}`);
    }
    const path = join(dataDir, file.name);
    const aside = file.name === AGENT_DATABASE_FILE ? [path, `${path}-wal`, `${path}-shm`] : [path];
    for (const old of aside) {
      if (existsSync(old)) await rename(old, `${old}.before-restore-${stamp}`);
    }
    await writeFile(path, file.bytes, { mode: 0o600, flag: 'wx' });
  }
  const ledger = new Database(join(dataDir, AGENT_DATABASE_FILE));
  try {
    const reason = JSON.stringify({
      code: 'restored_from_backup',
      fr: 'Tâche restaurée d’une sauvegarde : vérifiez si le document est déjà sorti.',
      en: 'Job restored from a backup: check whether the document already came out.',
    });
    const placeholders = UNFINISHED_STATES.map(() => '?').join(', ');
    const { changes } = ledger
      .prepare(
        `update jobs set state = 'to_check', reason = ?, updated_at = ? where state in (${placeholders})`,
      )
      .run(reason, now().toISOString(), ...UNFINISHED_STATES);
    return { toCheck: changes };
  } finally {
    ledger.close();
  }
}

/**
 * Reads the backup key file (32 random bytes, base64url), creating it mode 0600 on the first
 * backup. The same format as the server's (`npm run backup`), so one key may serve both.
 */
export async function loadAgentBackupKey(path: string, create: boolean): Promise<Buffer> {
  try {
    return Buffer.from((await readFile(path, 'utf8')).trim(), 'base64url');
  } catch (error) {
    if (!(create && error instanceof Error && 'code' in error && error.code === 'ENOENT'))
      throw error;
    const key = randomBytes(BACKUP_KEY_BYTES);
    await writeFile(path, key.toString('base64url'), { mode: 0o600, flag: 'wx' });
    return key;
  }
}
