import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { BACKUP_KEY_BYTES } from '@comptoir/shared/backup';

/**
 * Reads the backup key file (32 random bytes, base64url), creating it with mode 0600 when
 * `create` is set and it does not exist yet. The key is kept apart from the archives: an
 * archive next to its key protects nothing.
 */
export async function loadBackupKey(path: string, create: boolean): Promise<Buffer> {
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

/** Writes an archive readable by its owner only; never overwrites one. */
export async function writeArchive(path: string, archive: Buffer): Promise<void> {
  await writeFile(path, archive, { mode: 0o600, flag: 'wx' });
}
