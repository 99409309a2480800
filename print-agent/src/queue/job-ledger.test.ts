import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobLedger, type NewJob } from './job-ledger.js';

let dataDir: string;
let ledger: JobLedger;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'comptoir-ledger-'));
  ledger = new JobLedger(dataDir);
});
afterEach(() => {
  ledger.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function newJob(overrides: Partial<NewJob> = {}): NewJob {
  return {
    jobId: randomUUID(),
    requestHash: 'h1',
    documentNumber: 'PP-1',
    documentKind: 'provisional_plate',
    documentJson: '{}',
    qrUrl: 'https://example.test/verifier/PP-1',
    printer: 'front',
    role: 'plate',
    copies: 1,
    reprint: false,
    ...overrides,
  };
}

describe('job ledger', () => {
  it('keeps one job per id: same body is the existing job, another body a conflict', () => {
    const job = newJob();
    expect(ledger.accept(job).kind).toBe('created');
    expect(ledger.accept(job).kind).toBe('existing');
    expect(ledger.accept({ ...job, requestHash: 'h2' }).kind).toBe('conflict');
    expect(ledger.list()).toHaveLength(1);
  });

  it('turns a job found sending into to_check and a rendering one back into queued on restart', () => {
    const sending = newJob();
    const rendering = newJob({ documentNumber: 'PP-2' });
    ledger.accept(sending);
    ledger.accept(rendering);
    ledger.claimForRendering(sending.jobId);
    ledger.markSending(sending.jobId);
    ledger.claimForRendering(rendering.jobId);
    ledger.close();

    ledger = new JobLedger(dataDir);
    expect(ledger.resumeAfterRestart()).toEqual({ toCheck: 1, requeued: 1 });
    expect(ledger.get(sending.jobId)?.state).toBe('to_check');
    expect(ledger.get(sending.jobId)?.reason?.code).toBe('interrupted_while_sending');
    expect(ledger.get(rendering.jobId)?.state).toBe('queued');
  });

  it('counts to_check as maybe printed (later jobs are COPY), and a reprint decision requeues as COPY', () => {
    const first = newJob();
    ledger.accept(first);
    ledger.claimForRendering(first.jobId);
    ledger.markSending(first.jobId);
    ledger.resumeAfterRestart();
    expect(ledger.accept(newJob()).job.mark).toBe('copy');
    expect(ledger.decideToCheck(first.jobId, 'reprint')).toMatchObject({
      state: 'queued',
      mark: 'copy',
    });
    expect(ledger.decideToCheck(first.jobId, 'done')).toBeUndefined();
  });

  it('does not count held or failed jobs as printed', () => {
    const held = newJob();
    ledger.accept(held);
    ledger.hold(held.jobId, { code: 'out_of_paper', fr: 'Plus de papier.', en: 'Out of paper.' });
    const failed = newJob();
    ledger.accept(failed);
    ledger.finish(failed.jobId, 'failed');
    const next = newJob();
    expect(ledger.accept(next).job.mark).toBe('original');
    expect(ledger.claimForRendering(next.jobId).mark).toBe('original');
  });

  it('filters the ledger by state and number', () => {
    ledger.accept(newJob({ documentNumber: 'A' }));
    const b = newJob({ documentNumber: 'B' });
    ledger.accept(b);
    ledger.finish(b.jobId, 'printed');
    expect(ledger.list({ number: 'B' }).map((j) => j.jobId)).toEqual([b.jobId]);
    expect(ledger.list({ state: 'queued' }).map((j) => j.documentNumber)).toEqual(['A']);
  });
});
