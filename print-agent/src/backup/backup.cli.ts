/**
 * `npm run backup -w @comptoir/print-agent -- --key-file <key> [--out <dir>] [--site <file>]`:
 * an encrypted copy of the agent's data dir while it prints (docs/operating.md#backup-and-restore).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sealArchive } from '@comptoir/shared/backup';
import { loadAgentSettings } from '../config/agent-settings.js';
import { loadAgentBackupKey, takeAgentBackup } from './agent-backup.js';

const { values } = parseArgs({
  options: {
    'key-file': { type: 'string' },
    out: { type: 'string' },
    site: { type: 'string' },
  },
});
const keyFile = values['key-file'] ?? process.env.COMPTOIR_BACKUP_KEY_FILE;
if (!keyFile) {
  console.error('backup: --key-file (or COMPTOIR_BACKUP_KEY_FILE) is required');
  process.exit(2);
}
const { dataDir } = loadAgentSettings(process.env, values.site ? ['--site', values.site] : []);
const outDir = resolve(
  values.out ?? process.env.COMPTOIR_BACKUP_DIR ?? join(dataDir, '..', 'agent-backups'),
);
await mkdir(outDir, { recursive: true, mode: 0o700 });
const key = await loadAgentBackupKey(resolve(keyFile), true);
const { manifest, files } = await takeAgentBackup(dataDir, () => new Date());
const path = join(outDir, `comptoir-agent-${manifest.takenAt.replace(/[:.]/g, '-')}.backup`);
await writeFile(path, sealArchive(key, manifest, files), { mode: 0o600, flag: 'wx' });
console.log(`backup: ${path} (${files.map((file) => file.name).join(', ')})`);
