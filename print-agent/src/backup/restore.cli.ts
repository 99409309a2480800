/**
 * `npm run restore -w @comptoir/print-agent -- --key-file <key> [--site <file>] <archive>`,
 * the agent stopped: unfinished jobs of the backup come back `to_check`, never printed again
 * by themselves (docs/operating.md#backup-and-restore).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openArchive } from '@comptoir/shared/backup';
import { loadAgentSettings } from '../config/agent-settings.js';
import { loadAgentBackupKey, restoreAgentBackup } from './agent-backup.js';

const { values, positionals } = parseArgs({
  options: { 'key-file': { type: 'string' }, site: { type: 'string' } },
  allowPositionals: true,
});
const keyFile = values['key-file'] ?? process.env.COMPTOIR_BACKUP_KEY_FILE;
const archivePath = positionals[0];
if (!keyFile || !archivePath) {
  console.error('restore: usage: --key-file <key file> [--site <file>] <archive>');
  process.exit(2);
}
const archive = openArchive(
  await loadAgentBackupKey(resolve(keyFile), false),
  await readFile(resolve(archivePath)),
);
const { dataDir } = loadAgentSettings(process.env, values.site ? ['--site', values.site] : []);
const { toCheck } = await restoreAgentBackup(dataDir, archive, () => new Date());
console.log(
  `restore: agent backup of ${archive.manifest.takenAt} restored into ${dataDir}; ` +
    `${String(toCheck)} unfinished jobs marked to check.`,
);
