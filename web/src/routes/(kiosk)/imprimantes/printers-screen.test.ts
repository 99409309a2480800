import type { AgentPrinter, PrintJob } from '@comptoir/shared';
import { describe, expect, it } from 'vitest';
import { printersWithQueues, printerTone } from './printers-screen';

const printer = (id: string): AgentPrinter => ({
  id,
  name: id,
  driver: 'file',
  roles: ['atac'],
  paper: 'letter',
  fallback: null,
  status: { state: 'ready', reason: null },
});

const job = (n: number, printerId: string, state: PrintJob['state']): PrintJob => ({
  jobId: `0190b6a0-0000-7000-8000-${String(n).padStart(12, '0')}`,
  state,
  reason: null,
  documentNumber: `A${String(n)}`,
  documentKind: 'atac',
  printer: printerId,
  role: 'atac',
  copies: 1,
  copiesSent: 0,
  mark: 'original',
  reprint: false,
  attempts: 0,
  createdAt: `2026-01-01T10:00:0${String(n)}.000Z`,
  updatedAt: `2026-01-01T10:00:0${String(n)}.000Z`,
});

describe('printersWithQueues', () => {
  it('puts each waiting job under its printer, oldest first, and leaves finished jobs out', () => {
    const jobs = [
      job(3, 'a', 'held'),
      job(2, 'b', 'queued'),
      job(1, 'a', 'queued'),
      job(4, 'a', 'printed'),
      job(5, 'a', 'failed'),
      job(6, 'a', 'to_check'),
    ];
    const grouped = printersWithQueues([printer('a'), printer('b'), printer('c')], jobs);
    expect(grouped.map((entry) => entry.queue.map((j) => j.documentNumber))).toEqual([
      ['A1', 'A3', 'A6'],
      ['A2'],
      [],
    ]);
  });
});

describe('printerTone', () => {
  it('reads ready and busy as fine, paper as a warning, the rest as a problem', () => {
    expect(printerTone('ready')).toBe('ok');
    expect(printerTone('busy')).toBe('ok');
    expect(printerTone('out_of_paper')).toBe('warn');
    expect(printerTone(undefined)).toBe('warn');
    expect(printerTone('offline')).toBe('danger');
    expect(printerTone('error')).toBe('danger');
  });
});
