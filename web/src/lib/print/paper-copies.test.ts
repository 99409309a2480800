import { jobRequestSchema } from '@comptoir/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAPER_COPIES, copiesToPrint } from './paper-copies';

describe('copies chosen at print time', () => {
  it('asks one sheet per chosen recipient, the agent marking all but the first COPIE', () => {
    expect(copiesToPrint(DEFAULT_PAPER_COPIES)).toBe(1);
    expect(copiesToPrint({ customer: true, dealerFile: true })).toBe(2);
    expect(copiesToPrint({ customer: true, dealerFile: false })).toBe(1);
    expect(copiesToPrint({ customer: false, dealerFile: true })).toBe(1);
    expect(copiesToPrint({ customer: false, dealerFile: false })).toBe(0);
  });

  it('stays within what the agent accepts in one job', () => {
    const job = {
      jobId: '0190a000-0000-7000-8000-000000000001',
      document: 'header.payload.signature',
      role: 'certificate',
      copies: copiesToPrint({ customer: true, dealerFile: true }),
    };
    expect(jobRequestSchema.safeParse(job).success).toBe(true);
  });
});
