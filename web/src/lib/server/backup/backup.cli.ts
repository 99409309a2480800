/**
 * `npm run backup` (root) / `npm run backup -w @comptoir/web`: an encrypted, consistent copy
 * of the running registry and its keys (docs/operating.md#backup-and-restore).
 *
 *   npm run backup -- --key-file /etc/comptoir/backup.key --out /var/backups/comptoir
 *
 * The key file (32 random bytes) is created, mode 0600, on the first backup; keep it apart
 * from the archives. `COMPTOIR_BACKUP_KEY_FILE` and `COMPTOIR_BACKUP_DIR` stand for the flags.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readServerConfig } from '../config.js';
import { sealArchive } from '@comptoir/shared/backup';
import { loadBackupKey, writeArchive } from './archive-files.js';
import { takeServerBackup } from './server-backup.service.js';

const { values } = parseArgs({
  options: { 'key-file': { type: 'string' }, out: { type: 'string' } },
});
const keyFile = values['key-file'] ?? process.env.COMPTOIR_BACKUP_KEY_FILE;
if (!keyFile) {
  console.error('backup: --key-file (or COMPTOIR_BACKUP_KEY_FILE) is required');
  process.exit(2);
}
const config = readServerConfig();
const outDir = resolve(
  values.out ?? process.env.COMPTOIR_BACKUP_DIR ?? join(config.dataDir, '..', 'backups'),
);
await mkdir(outDir, { recursive: true, mode: 0o700 });
const key = await loadBackupKey(resolve(keyFile), true);
const { manifest, files } = await takeServerBackup(config, () => new Date());
const path = join(
  outDir,
  `comptoir-${manifest.engine}-${manifest.takenAt.replace(/[:.]/g, '-')}.backup`,
);
await writeArchive(path, sealArchive(key, manifest, files));
console.log(
  `backup: ${path} (epoch ${String(manifest.epoch)}, taken ${manifest.takenAt}; ` +
    `${files.map((file) => file.name).join(', ')})`,
);
