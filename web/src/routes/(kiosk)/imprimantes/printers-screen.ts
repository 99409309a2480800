import {
  pendingPrintJobStates,
  type AgentPrinter,
  type PrinterState,
  type PrintJob,
  type PrintJobState,
} from '@comptoir/shared';
import type { MessageKey } from '$lib/i18n/messages';

/** Jobs still waiting for, or at, their printer: the printer's queue. */
const queuedStates: readonly PrintJobState[] = pendingPrintJobStates;

/** A printer with the jobs in its queue, oldest first (the order they print). */
export interface PrinterWithQueue {
  printer: AgentPrinter;
  queue: PrintJob[];
}

/** Groups the agent's jobs under their printer; jobs already done stay out of the queues. */
export function printersWithQueues(printers: AgentPrinter[], jobs: PrintJob[]): PrinterWithQueue[] {
  return printers.map((printer) => ({
    printer,
    queue: jobs
      .filter((job) => job.printer === printer.id && queuedStates.includes(job.state))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  }));
}

/** How a printer state reads at a glance: ready is fine, busy is fine, the rest needs someone. */
export function printerTone(state: PrinterState | undefined): 'ok' | 'warn' | 'danger' {
  if (state === 'ready' || state === 'busy') return 'ok';
  if (state === 'out_of_paper' || state === undefined) return 'warn';
  return 'danger';
}

/** The catalogue key of a printer's state (`unknown` before the agent asked it). */
export function printerStateKey(state: PrinterState | undefined): MessageKey {
  return state ? `printerState.${state}` : 'printerState.unknown';
}

/** The catalogue key of a job's state. */
export function jobStateKey(state: PrintJobState): MessageKey {
  return `jobState.${state}`;
}
