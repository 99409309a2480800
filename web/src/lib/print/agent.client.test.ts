import { apiError, newId, type PrintJob } from '@comptoir/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AgentError,
  agentHealth,
  decideToCheck,
  listPrinters,
  pairWithAgent,
  readJob,
  submitJob,
  type AgentSettings,
} from './agent.client';

// A twin of the print agent's HTTP answers (the real agent is another package, tested there):
// each test says what the agent answers and reads what the kiosk sent.
interface SentRequest {
  method: string;
  url: string;
  authorization: string | null;
  body: unknown;
}

let sent: SentRequest[];
let answer: (request: SentRequest) => Response;

beforeEach(() => {
  sent = [];
  answer = () => Response.json({ code: 'not_found' }, { status: 404 });
  vi.stubGlobal('fetch', async (input: URL, init: RequestInit = {}) => {
    const request: SentRequest = {
      method: init.method ?? 'GET',
      url: input.toString(),
      authorization: new Headers(init.headers).get('authorization'),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    sent.push(request);
    return Promise.resolve(answer(request));
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const settings: AgentSettings = { url: 'http://127.0.0.1:9631', token: 'kiosk-token' };

function agentJob(overrides: Partial<PrintJob> = {}): PrintJob {
  return {
    jobId: newId(),
    state: 'queued',
    reason: null,
    documentNumber: 'T-2026-000123',
    documentKind: 'transit',
    printer: 'laser-1',
    role: 'certificate',
    copies: 1,
    copiesSent: 0,
    mark: 'original',
    reprint: false,
    attempts: 0,
    createdAt: '2026-11-26T15:00:00.000Z',
    updatedAt: '2026-11-26T15:00:00.000Z',
    ...overrides,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<AgentError> {
  const failure = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(failure instanceof AgentError))
    throw new Error(`expected an AgentError, got ${String(failure)}`);
  return failure;
}

describe('submitJob', () => {
  it('sends the signed document with its QR token and reads the job the agent answers', async () => {
    const jobId = newId();
    answer = () =>
      Response.json(
        { ...agentJob({ jobId, mark: 'copy' }), addedByANewerAgent: 1 },
        { status: 202 },
      );
    const job = await submitJob(settings, {
      jobId,
      document: 'header.payload.signature',
      qrToken: 'qr-token',
      role: 'certificate',
      copies: 1,
      reprint: true,
    });
    expect(sent).toEqual([
      {
        method: 'POST',
        url: 'http://127.0.0.1:9631/jobs',
        authorization: 'Bearer kiosk-token',
        body: {
          jobId,
          document: 'header.payload.signature',
          qrToken: 'qr-token',
          role: 'certificate',
          copies: 1,
          reprint: true,
        },
      },
    ]);
    expect(job).toEqual(agentJob({ jobId, mark: 'copy' }));
    expect(job).not.toHaveProperty('addedByANewerAgent');
  });

  it('refuses before sending a job the agent would refuse (neither role nor printer)', async () => {
    const failure = await failureOf(
      submitJob(settings, { jobId: newId(), document: 'header.payload.signature' }),
    );
    expect(failure.code).toBe('bad_request');
    expect(sent).toHaveLength(0);
  });

  it('calls an answer without the job state or mark a bad answer', async () => {
    const { mark: _mark, ...withoutMark } = agentJob();
    answer = () => Response.json(withoutMark, { status: 202 });
    const request = { jobId: newId(), document: 'a.b.c', role: 'atac' as const };
    expect((await failureOf(submitJob(settings, request))).code).toBe('bad_answer');
    answer = () => Response.json({ ...agentJob(), state: 'lost' });
    expect((await failureOf(submitJob(settings, request))).code).toBe('bad_answer');
  });

  it('reports a refusal and an agent that does not answer', async () => {
    answer = () => Response.json({ code: 'unauthenticated' }, { status: 401 });
    const request = { jobId: newId(), document: 'a.b.c', role: 'atac' as const };
    expect((await failureOf(submitJob(settings, request))).code).toBe('refused');
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('fetch failed')));
    expect((await failureOf(submitJob(settings, request))).code).toBe('unreachable');
  });

  it('carries the agent’s own reason when it refuses a document (expired, forged)', async () => {
    const refusal = apiError('token_expired');
    answer = () => Response.json(refusal, { status: 422 });
    const request = { jobId: newId(), document: 'a.b.c', role: 'plate' as const };
    const failure = await failureOf(submitJob(settings, request));
    expect(failure.code).toBe('refused');
    expect(failure.agentError).toEqual(refusal);
  });
});

describe('readJob and decideToCheck', () => {
  it('reads a held job with its reason', async () => {
    const reason = { code: 'printer_out_of_paper', fr: 'Plus de papier.', en: 'Out of paper.' };
    const job = agentJob({ state: 'held', reason });
    answer = () => Response.json(job);
    expect(await readJob(settings, job.jobId)).toEqual(job);
    expect(sent[0]?.url).toBe(`http://127.0.0.1:9631/jobs/${job.jobId}`);
  });

  it('asks for a long poll with the state last seen', async () => {
    const job = agentJob({ state: 'printed' });
    answer = () => Response.json(job);
    await readJob(settings, job.jobId, { wait: 20, state: 'queued' });
    expect(sent[0]?.url).toBe(`http://127.0.0.1:9631/jobs/${job.jobId}?wait=20&state=queued`);
  });

  it('sends a person’s decision on a job to check', async () => {
    const job = agentJob({ state: 'queued', mark: 'copy' });
    answer = () => Response.json(job);
    expect(await decideToCheck(settings, job.jobId, 'reprint')).toEqual(job);
    expect(sent[0]).toMatchObject({
      method: 'POST',
      url: `http://127.0.0.1:9631/jobs/${job.jobId}/confirm-reprint`,
      body: { decision: 'reprint' },
    });
  });
});

describe('pairWithAgent, agentHealth and listPrinters', () => {
  it('pairs with the trimmed code and a kiosk label, without a token', async () => {
    answer = () => Response.json({ token: 'new-token' }, { status: 201 });
    expect(await pairWithAgent('http://127.0.0.1:9631', '  ABC-123 ')).toBe('new-token');
    expect(sent[0]).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:9631/pair',
      authorization: null,
      body: { code: 'ABC-123', label: 'kiosk' },
    });
  });

  it('refuses a wrong code (403) and a code too short to send', async () => {
    answer = () => Response.json({ code: 'pairing_code_invalid' }, { status: 403 });
    expect((await failureOf(pairWithAgent(settings.url, 'ABCDEFG'))).code).toBe('refused');
    expect((await failureOf(pairWithAgent(settings.url, 'ABC'))).code).toBe('bad_request');
    expect(sent).toHaveLength(1);
  });

  it('knows the agent is up from its health answer', async () => {
    answer = () => Response.json({ status: 'ok', service: 'comptoir-print-agent', printers: 2 });
    expect(await agentHealth(settings)).toBe(true);
    answer = () => new Response('<html>a captive portal</html>', { status: 200 });
    expect((await failureOf(agentHealth(settings))).code).toBe('bad_answer');
  });

  it('lists the printers with their live status', async () => {
    const printers = [
      {
        id: 'laser-1',
        name: 'Laser du comptoir',
        driver: 'ipp',
        roles: ['certificate', 'atac'],
        paper: 'letter',
        fallback: null,
        status: {
          state: 'out_of_paper',
          reason: { code: 'printer_out_of_paper', fr: 'Plus de papier.', en: 'Out of paper.' },
        },
      },
      {
        id: 'receipts',
        name: 'Reçus',
        driver: 'escpos',
        roles: ['receipt'],
        paper: 'roll80',
        fallback: null,
        status: null,
      },
    ];
    answer = () => Response.json({ printers });
    expect(await listPrinters(settings)).toEqual(printers);
    answer = () => Response.json({ printers: [{ ...printers[1], driver: 'carrier-pigeon' }] });
    expect((await failureOf(listPrinters(settings))).code).toBe('bad_answer');
  });
});
