import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mayHavePrintedStates } from './job.js';
import { JobLedger } from './job-ledger.js';

const reason = { code: 'test', fr: 'Test.', en: 'Test.' };

/** One step of a queue's life, as the ledger sees it. */
const stepArbitrary = fc.oneof(
  fc.record({
    op: fc.constant('accept' as const),
    number: fc.constantFrom('A', 'B'),
    reprint: fc.constantFrom(false, false, false, true),
  }),
  fc.record({
    op: fc.constant('run' as const),
    job: fc.nat(7),
    outcome: fc.constantFrom('printed', 'spooled', 'failed', 'hold', 'uncertain', 'retry', 'crash'),
  }),
  fc.record({ op: fc.constant('restart' as const) }),
  fc.record({ op: fc.constant('release' as const) }),
  fc.record({
    op: fc.constant('decide' as const),
    job: fc.nat(7),
    decision: fc.constantFrom('reprint', 'done'),
  }),
);

describe('job ledger (property)', () => {
  it('never lets two jobs of one document number put an ORIGINAL on paper', () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { maxLength: 40, size: 'medium' }), (steps) => {
        const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-ledger-prop-'));
        const ledger = new JobLedger(dataDir);
        const ids: string[] = [];
        try {
          for (const step of steps) {
            if (step.op === 'accept') {
              const jobId = randomUUID();
              ids.push(jobId);
              ledger.accept({
                jobId,
                requestHash: jobId,
                documentNumber: step.number,
                documentKind: 'provisional_plate',
                documentJson: '{}',
                qrUrl: '',
                printer: 'front',
                role: 'plate',
                copies: 1,
                reprint: step.reprint,
              });
            } else if (step.op === 'run') {
              const jobId = ids[step.job % Math.max(ids.length, 1)];
              if (!jobId || ledger.get(jobId)?.state !== 'queued') continue;
              ledger.claimForRendering(jobId);
              ledger.markSending(jobId);
              if (
                step.outcome === 'printed' ||
                step.outcome === 'spooled' ||
                step.outcome === 'failed'
              ) {
                ledger.finish(jobId, step.outcome);
              } else if (step.outcome === 'hold') ledger.hold(jobId, reason);
              else if (step.outcome === 'uncertain') ledger.markToCheck(jobId, reason);
              else if (step.outcome === 'retry') ledger.retryLater(jobId, 0, 1, reason);
              // 'crash': left `sending`, as a killed process leaves it.
            } else if (step.op === 'restart') ledger.resumeAfterRestart();
            else if (step.op === 'release') ledger.releaseHeld('front');
            else {
              const jobId = ids[step.job % Math.max(ids.length, 1)];
              if (jobId) ledger.decideToCheck(jobId, step.decision);
            }
            for (const number of ['A', 'B']) {
              const originalsOnPaper = ledger
                .list({ number, limit: 500 })
                .filter(
                  (job) => job.mark === 'original' && mayHavePrintedStates.includes(job.state),
                );
              expect(originalsOnPaper.length).toBeLessThanOrEqual(1);
            }
          }
        } finally {
          ledger.close();
          rmSync(dataDir, { recursive: true, force: true });
        }
      }),
      { numRuns: 200 },
    );
  });
});
