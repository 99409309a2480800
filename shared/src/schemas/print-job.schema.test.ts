import { describe, expect, it } from 'vitest';
import { fromZodError } from '../errors.js';
import {
  agentPrinterListSchema,
  jobListQuerySchema,
  jobRequestSchema,
  pairRequestSchema,
  pairResponseSchema,
  printJobSchema,
  printerDrivers,
  printerStatusSchema,
  testPageResultSchema,
} from './print-job.schema.js';
import { printerSchema } from './site.schema.js';

const jobId = '0192f3a4-5b6c-7d8e-9f01-23456789abcd';

function fieldsOf(input: unknown): { path: string; code: string }[] {
  const result = jobRequestSchema.safeParse(input);
  if (result.success) throw new Error('expected a refusal');
  return fromZodError(result.error).fields.map(({ path, code }) => ({ path, code }));
}

describe('jobRequestSchema', () => {
  it('applies the defaults: one copy, not a reprint', () => {
    expect(jobRequestSchema.parse({ jobId, document: 'a.b.c', role: 'plate' })).toEqual({
      jobId,
      document: 'a.b.c',
      role: 'plate',
      copies: 1,
      reprint: false,
    });
  });

  it('takes a printer id instead of a role, with a QR token and copies', () => {
    const request = jobRequestSchema.parse({
      jobId,
      document: 'a.b.c',
      qrToken: 'q.r.s',
      printer: 'showroom-1',
      copies: 5,
      reprint: true,
    });
    expect(request).toMatchObject({ printer: 'showroom-1', copies: 5, reprint: true });
  });

  it('wants exactly one of printer or role, reported on role', () => {
    expect(fieldsOf({ jobId, document: 'a.b.c' })).toEqual([{ path: 'role', code: 'required' }]);
    expect(fieldsOf({ jobId, document: 'a.b.c', role: 'atac', printer: 'p1' })).toEqual([
      { path: 'role', code: 'required' },
    ]);
  });

  it('refuses unknown keys, a bad id, too many copies and an unknown role, all at once', () => {
    expect(
      fieldsOf({ jobId: 'nope', document: 'a.b.c', role: 'poster', copies: 6, pdf: 'x' }),
    ).toEqual(
      expect.arrayContaining([
        { path: 'pdf', code: 'unknown_field' },
        { path: 'jobId', code: 'invalid_id' },
        { path: 'role', code: 'invalid_choice' },
        { path: 'copies', code: 'too_large' },
      ]),
    );
    expect(fieldsOf({ jobId, document: 'a.b.c', role: 'atac', copies: 0 })).toEqual([
      { path: 'copies', code: 'too_small' },
    ]);
    expect(fieldsOf({ jobId, document: '', role: 'atac' })).toEqual([
      { path: 'document', code: 'required' },
    ]);
  });
});

describe('the agent answers', () => {
  const job = {
    jobId,
    state: 'held',
    reason: { code: 'out_of_paper', fr: 'Plus de papier.', en: 'Out of paper.' },
    documentNumber: 'T-000123',
    documentKind: 'transit',
    printer: 'showroom-1',
    role: 'certificate',
    copies: 2,
    copiesSent: 0,
    mark: 'original',
    reprint: false,
    attempts: 1,
    createdAt: '2026-11-26T17:00:00.000Z',
    updatedAt: '2026-11-26T17:00:01.000Z',
  };

  it('reads a job and drops keys a newer agent added', () => {
    expect(printJobSchema.parse({ ...job, newerField: 1 })).toEqual(job);
    expect(printJobSchema.safeParse({ ...job, state: 'lost' }).success).toBe(false);
    expect(printJobSchema.safeParse({ ...job, mark: undefined }).success).toBe(false);
  });

  it('reads a printer list with and without a status', () => {
    const printers = {
      printers: [
        {
          id: 'file',
          name: 'PDF',
          driver: 'file',
          roles: ['atac'],
          paper: 'letter',
          fallback: null,
          status: { state: 'ready', reason: null },
        },
        {
          id: 'thermal',
          name: 'Reçus',
          driver: 'escpos',
          roles: ['receipt'],
          paper: '80mm',
          fallback: 'file',
          status: null,
        },
      ],
    };
    expect(agentPrinterListSchema.parse(printers)).toEqual(printers);
    expect(printerStatusSchema.safeParse({ state: 'on_fire', reason: null }).success).toBe(false);
  });

  it('names every driver a site file may name', () => {
    expect([...printerDrivers].sort()).toEqual(
      printerSchema.options.map((option) => option.shape.driver.value).sort(),
    );
  });

  it('reads pairing and test-page answers', () => {
    expect(pairRequestSchema.parse({ code: ' 123456 ' })).toEqual({
      code: '123456',
      label: 'kiosk',
    });
    expect(pairRequestSchema.safeParse({ code: '123456', extra: true }).success).toBe(false);
    expect(pairResponseSchema.parse({ token: 'abc' })).toEqual({ token: 'abc' });
    expect(pairResponseSchema.safeParse({ token: '' }).success).toBe(false);
    expect(testPageResultSchema.parse({ status: 'spooled', jobId })).toEqual({
      status: 'spooled',
      jobId,
    });
  });

  it('treats an empty filter as none', () => {
    expect(jobListQuerySchema.parse({ state: '', number: '', limit: '5' })).toEqual({ limit: 5 });
    expect(jobListQuerySchema.safeParse({ state: 'lost' }).success).toBe(false);
  });
});
