import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive, sealArchive } from '@comptoir/shared/backup';
import { afterEach, describe, expect, it } from 'vitest';
import { JobLedger, type NewJob } from '../queue/job-ledger.js';
import { loadAgentBackupKey, restoreAgentBackup, takeAgentBackup } from './agent-backup.js';

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-agent-backup-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newJob(documentNumber: string): NewJob {
  return {
    jobId: randomUUID(),
    requestHash: documentNumber,
    documentNumber,
    documentKind: 'transit',
    documentJson: '{}',
    qrUrl: `https://example.test/verifier/${documentNumber}`,
    printer: 'front',
    role: null,
    copies: 1,
    reprint: false,
  };
}

describe('print agent backup and restore', () => {
  it('copies the ledger while jobs are written; a restore prints nothing again by itself', async () => {
    const live = scratch();
    const ledger = new JobLedger(live);
    writeFileSync(join(live, 'admin-secret'), 'secret\n', { mode: 0o600 });
    const printed = newJob('T-2026-000001');
    const queued = newJob('T-2026-000002');
    const sending = newJob('T-2026-000003');
    for (const job of [printed, queued, sending]) ledger.accept(job);
    ledger.claimForRendering(printed.jobId);
    ledger.markSending(printed.jobId);
    ledger.finish(printed.jobId, 'printed');
    ledger.claimForRendering(sending.jobId);
    ledger.markSending(sending.jobId);

    // Writes during the copy: the backup holds the ledger as of one instant, whole.
    const during = Array.from({ length: 50 }, (_, index) => newJob(`T-2026-1${String(index)}`));
    const [backup] = await Promise.all([
      takeAgentBackup(live, () => new Date('2026-03-10T15:00:00Z')),
      (async () => {
        for (const job of during) {
          ledger.accept(job);
          await Promise.resolve();
        }
      })(),
    ]);
    ledger.close();
    expect(backup.files.map((file) => file.name).sort()).toEqual(['admin-secret', 'ledger.sqlite']);

    const keyPath = join(scratch(), 'backup.key');
    const key = await loadAgentBackupKey(keyPath, true);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    const archive = openArchive(key, sealArchive(key, backup.manifest, backup.files));

    const target = scratch();
    const { toCheck } = await restoreAgentBackup(target, archive, () => new Date());
    expect(statSync(join(target, 'ledger.sqlite')).mode & 0o777).toBe(0o600);
    const restored = new JobLedger(target);
    try {
      expect(restored.get(printed.jobId)?.state).toBe('printed');
      // Queued or sending at the backup: they may have come out since; a person decides.
      for (const job of [queued, sending]) {
        expect(restored.get(job.jobId)?.state).toBe('to_check');
        expect(restored.get(job.jobId)?.reason?.code).toBe('restored_from_backup');
      }
      const copied = during.filter((job) => restored.get(job.jobId) !== undefined);
      expect(toCheck).toBe(2 + copied.length);
      expect(restored.countByState().queued ?? 0).toBe(0);
    } finally {
      restored.close();
    }
  });
});
