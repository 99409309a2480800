/**
 * `npm run restore -- --key-file <key> <archive>`: puts a backup back, the server stopped, and
 * starts a new epoch (docs/operating.md#backup-and-restore). `--gap <n>` overrides the jump
 * of the counters computed from the backup's own history.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readServerConfig } from '../config.js';
import { openArchive } from '@comptoir/shared/backup';
import { loadBackupKey } from './archive-files.js';
import { restoreServerBackup } from './server-backup.service.js';

const { values, positionals } = parseArgs({
  options: { 'key-file': { type: 'string' }, gap: { type: 'string' } },
  allowPositionals: true,
});
const keyFile = values['key-file'] ?? process.env.COMPTOIR_BACKUP_KEY_FILE;
const archivePath = positionals[0];
if (!keyFile || !archivePath) {
  console.error('restore: usage: npm run restore -- --key-file <key file> [--gap <n>] <archive>');
  process.exit(2);
}
const gap = values.gap === undefined ? undefined : Number.parseInt(values.gap, 10);
if (gap !== undefined && !(Number.isInteger(gap) && gap > 0)) {
  console.error('restore: --gap must be a positive integer');
  process.exit(2);
}
const archive = openArchive(
  await loadBackupKey(resolve(keyFile), false),
  await readFile(resolve(archivePath)),
);
const epoch = await restoreServerBackup(readServerConfig(), archive, {
  now: () => new Date(),
  ...(gap !== undefined && { gap }),
});
console.log(
  `restore: backup of ${archive.manifest.takenAt} restored; epoch ${String(epoch.epoch)} started, ` +
    `counters moved ${String(epoch.gap)} ahead, ${String(epoch.sessionsRevoked)} sessions revoked. ` +
    'Run `npm run audit:verify -w web`, then start the server: kiosks send back what it forgot.',
);
