import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiErrorSchema, printJobSchema } from '@comptoir/shared';
import { JobLedger, type NewJob } from '../queue/job-ledger.js';
import { createTestSigner, provisionalPlate } from '../testing/documents.js';
import { createTestAgent, rawPrinter } from '../testing/test-agent.js';
import { nextJobState } from './job-wait.service.js';

let dataDir: string;
let ledger: JobLedger;

// Fake timers: a wait can only end by its deadline when the test moves the clock, so an
// answer that arrives without moving it came from the ledger's change.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  dataDir = mkdtempSync(join(tmpdir(), 'comptoir-job-wait-'));
  ledger = new JobLedger(dataDir);
});
afterEach(() => {
  vi.useRealTimers();
  ledger.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function accepted(): string {
  const job: NewJob = {
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
  };
  ledger.accept(job);
  return job.jobId;
}

function jobOf(jobId: string) {
  const job = ledger.get(jobId);
  if (!job) throw new Error('job missing');
  return job;
}

/** Whether the promise settled after the pending microtasks ran. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await vi.advanceTimersByTimeAsync(0);
  return settled;
}

describe('long poll of a job (GET /jobs/:id?wait=)', () => {
  it('answers as soon as the ledger records a new state, not at the end of the wait', async () => {
    const jobId = accepted();
    const answer = nextJobState({ ledger }, jobOf(jobId), { wait: 20 });
    expect(await isSettled(answer)).toBe(false);
    ledger.claimForRendering(jobId);
    expect(await isSettled(answer)).toBe(true);
    expect((await answer).state).toBe('rendering');
    expect(ledger.watch.size).toBe(0);
  });

  it('answers the unchanged job once the wait is over', async () => {
    const jobId = accepted();
    const answer = nextJobState({ ledger }, jobOf(jobId), { wait: 5 });
    await vi.advanceTimersByTimeAsync(4_900);
    expect(await isSettled(answer)).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect((await answer).state).toBe('queued');
  });

  it('answers at once when the job already left the state the kiosk last saw', async () => {
    const jobId = accepted();
    ledger.claimForRendering(jobId);
    const answer = nextJobState({ ledger }, jobOf(jobId), { wait: 20, state: 'queued' });
    expect(await isSettled(answer)).toBe(true);
    expect((await answer).state).toBe('rendering');
  });

  it('keeps waiting through a change that leaves the state as it was', async () => {
    const jobId = accepted();
    ledger.claimForRendering(jobId);
    ledger.markSending(jobId);
    const answer = nextJobState({ ledger }, jobOf(jobId), { wait: 20 });
    ledger.markCopySent(jobId, 1);
    expect(await isSettled(answer)).toBe(false);
    ledger.markToCheck(jobId, { code: 'x', fr: 'x', en: 'x' });
    expect((await answer).state).toBe('to_check');
  });

  it('ends when the kiosk goes away, and holds nothing after', async () => {
    const jobId = accepted();
    const gone = new AbortController();
    const answer = nextJobState({ ledger }, jobOf(jobId), { wait: 20 }, gone.signal);
    expect(ledger.watch.size).toBe(1);
    gone.abort();
    expect((await answer).state).toBe('queued');
    expect(ledger.watch.size).toBe(0);
  });
});

describe('GET /jobs/:id query', () => {
  it('refuses a wait beyond the limit or an unknown state, with the field named', async () => {
    vi.useRealTimers();
    const signer = await createTestSigner();
    const agent = await createTestAgent({ signer, printers: [rawPrinter('front', 9)] });
    try {
      const headers = { authorization: `Bearer ${agent.token}` };
      const submitted = await agent.app.request('/jobs', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          jobId: randomUUID(),
          document: await signer.sign(provisionalPlate(signer.key.kid)),
          role: 'plate',
        }),
      });
      const job = printJobSchema.parse(await submitted.json());
      for (const query of ['wait=31', 'wait=soon', 'state=lost', 'since=1']) {
        const refused = await agent.app.request(`/jobs/${job.jobId}?${query}`, { headers });
        expect(refused.status, query).toBe(400);
        expect(apiErrorSchema.parse(await refused.json()).code, query).toBeTruthy();
      }
      // A state other than the job's answers at once, whatever the wait.
      const now = await agent.app.request(`/jobs/${job.jobId}?wait=30&state=printed`, {
        headers,
      });
      expect(now.status).toBe(200);
      expect(printJobSchema.parse(await now.json()).jobId).toBe(job.jobId);
    } finally {
      await agent.dispose();
    }
  });
});
