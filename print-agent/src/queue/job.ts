import type { Bilingual } from '../errors.js';
import type { PrinterRole } from '@comptoir/shared';

/**
 * A job's life: queued -> rendering -> sending -> spooled | printed, or held (printer off or
 * out of paper, with the reason), failed (retries exhausted), to_check (the agent died while
 * sending: a person decides whether it printed).
 */
export const jobStates = [
  'queued',
  'rendering',
  'sending',
  'spooled',
  'printed',
  'held',
  'failed',
  'to_check',
] as const;
/** A job state. */
export type JobState = (typeof jobStates)[number];

/** Why a job is held, failed or to check, in both languages. */
export interface JobReason extends Bilingual {
  code: string;
}

/** A print job as the ledger keeps it and the API answers it. */
export interface PrintJob {
  jobId: string;
  state: JobState;
  reason: JobReason | null;
  documentNumber: string;
  documentKind: string;
  printer: string;
  role: PrinterRole | null;
  copies: number;
  copiesSent: number;
  /** 'copy' when the first sheet prints as COPY; every sheet after the first is a COPY. */
  mark: 'original' | 'copy';
  reprint: boolean;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

/** States where the paper may have come out: a later job of the same number is a COPY. */
export const mayHavePrintedStates: readonly JobState[] = [
  'printed',
  'spooled',
  'to_check',
  'sending',
];

/** States a job never leaves on its own. */
export const finalStates: readonly JobState[] = ['printed', 'spooled', 'failed', 'to_check'];
