import type { Logger } from 'pino';
import {
  issuedDocumentSchema,
  type PrintJob,
  type PrintReason,
  type PrinterStatus,
} from '@comptoir/shared';
import { DriverError, sendFailureReason, type PrinterDriver } from '../drivers/printer-driver.js';
import { noFaults, type Faults } from '../faults.js';
import type { DocumentRenderer } from '../render/document-renderer.js';
import type { JobLedger } from './job-ledger.js';
import { Wakeup } from './wakeup.js';

/** Retry and timing policy; the defaults suit a LAN printer. */
export interface QueuePolicy {
  /** Sends tried before a job is `failed`. */
  maxAttempts: number;
  /** First retry delay; doubles each attempt up to `maxRetryDelayMs`. */
  baseRetryDelayMs: number;
  maxRetryDelayMs: number;
  /** How often a held printer is asked whether it is back. */
  holdPollMs: number;
  /** A status older than this is asked again before the next job. */
  statusMaxAgeMs: number;
  /** Send timeout: a base plus time per byte, so a big PDF gets longer than a receipt. */
  baseTimeoutMs: number;
  bytesPerSecond: number;
}

const defaultPolicy: QueuePolicy = {
  maxAttempts: 5,
  baseRetryDelayMs: 1000,
  maxRetryDelayMs: 60_000,
  holdPollMs: 5000,
  statusMaxAgeMs: 2000,
  baseTimeoutMs: 15_000,
  bytesPerSecond: 100_000,
};

/**
 * Asked before every job, the last moment before paper: a reason refuses the job (it ends
 * `failed` with that reason), undefined lets it print. The agent refuses a document a kept
 * revocation feed lists, and a job of a kiosk whose pairing was revoked.
 */
export type JobGate = (job: PrintJob) => PrintReason | undefined;

/** A printer of the queue: its id and driver. */
export interface QueuePrinter {
  id: string;
  driver: PrinterDriver;
}

interface Worker {
  printer: QueuePrinter;
  wakeup: Wakeup;
  status: PrinterStatus | undefined;
  statusAt: number;
  /** The loop's promise: settled when the worker stops. */
  running: Promise<void>;
}

const readyStates = new Set(['ready', 'busy']);

/**
 * One serial queue per printer over the durable ledger. A worker takes the oldest runnable job
 * of its printer, renders it, sends each sheet, and records every step before the next, so a
 * crash leaves a state a restart can resume from (`sending` becomes `to_check`).
 */
export class PrintQueue {
  readonly #ledger: JobLedger;
  readonly #renderer: DocumentRenderer;
  readonly #faults: Faults;
  readonly #policy: QueuePolicy;
  readonly #logger: Logger | undefined;
  readonly #gate: JobGate;
  readonly #workers = new Map<string, Worker>();
  #isStopping = false;
  #inFlight = new Set<Promise<void>>();

  constructor(options: {
    ledger: JobLedger;
    printers: QueuePrinter[];
    renderer: DocumentRenderer;
    faults?: Faults;
    policy?: Partial<QueuePolicy>;
    /** One JSON line each time a job is worked on: its id, printer, resulting state, time. */
    logger?: Logger;
    /** Checked before every job (see {@link JobGate}); none lets every job through. */
    gate?: JobGate;
  }) {
    this.#gate = options.gate ?? (() => undefined);
    this.#ledger = options.ledger;
    this.#renderer = options.renderer;
    this.#faults = options.faults ?? noFaults;
    this.#logger = options.logger;
    this.#policy = { ...defaultPolicy, ...options.policy };
    for (const printer of options.printers) {
      this.#workers.set(printer.id, {
        printer,
        wakeup: new Wakeup(),
        status: undefined,
        statusAt: 0,
        running: Promise.resolve(),
      });
    }
  }

  /** Resumes after a restart (see `JobLedger.resumeAfterRestart`) and starts every worker. */
  start(): { toCheck: number; requeued: number } {
    const resumed = this.#ledger.resumeAfterRestart();
    for (const worker of this.#workers.values()) {
      worker.running = this.#run(worker).catch((error: unknown) => {
        // Past the stop's grace period the ledger is closed under a still-running send.
        if (!this.#isStopping) console.error(`print queue ${worker.printer.id} stopped`, error);
      });
    }
    return resumed;
  }

  /** Tells a printer's worker there is new work. */
  kick(printerId: string): void {
    this.#workers.get(printerId)?.wakeup.wake();
  }

  /** The last status a printer reported (asks it when never asked). */
  async status(printerId: string): Promise<PrinterStatus | undefined> {
    const worker = this.#workers.get(printerId);
    if (!worker) return undefined;
    return worker.status ?? (await this.#refreshStatus(worker));
  }

  /** Asks every printer now (the admin page and `GET /printers`). */
  async refreshAll(): Promise<Map<string, PrinterStatus>> {
    const entries = await Promise.all(
      [...this.#workers.values()].map(
        async (w) => [w.printer.id, await this.#refreshStatus(w)] as const,
      ),
    );
    return new Map(entries);
  }

  /**
   * Stops taking jobs and waits for sends in flight, up to `graceMs`. A send still running
   * after that stays `sending` in the ledger and becomes `to_check` at the next start.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.#isStopping = true;
    for (const worker of this.#workers.values()) worker.wakeup.wake();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled([...this.#inFlight]), grace]);
    clearTimeout(timer);
  }

  async #run(worker: Worker): Promise<void> {
    const printerId = worker.printer.id;
    while (!this.#isStopping) {
      if (this.#ledger.hasHeld(printerId)) {
        const status = await this.#refreshStatus(worker);
        if (readyStates.has(status.state)) this.#ledger.releaseHeld(printerId);
        else await worker.wakeup.wait(this.#policy.holdPollMs);
        continue;
      }
      const job = this.#ledger.nextRunnable(printerId, Date.now());
      if (!job) {
        const retryAt = this.#ledger.nextRetryAt(printerId);
        await worker.wakeup.wait(retryAt === undefined ? undefined : retryAt - Date.now());
        continue;
      }
      const started = performance.now();
      const processing = this.#process(worker, job)
        .catch((error: unknown) => {
          // A bug, not a printer problem: the job must not stay claimed for ever.
          this.#ledger.finish(job.jobId, 'failed', { reason: reasonOf('agent_error', error) });
        })
        .finally(() => this.#logJob(job.jobId, printerId, started));
      this.#inFlight.add(processing);
      await processing;
      this.#inFlight.delete(processing);
    }
  }

  /** The job's line: ids, state and counts only (never the document or its number). */
  #logJob(jobId: string, printerId: string, started: number): void {
    const job = this.#ledger.get(jobId);
    this.#logger?.info(
      {
        jobId,
        printer: printerId,
        state: job?.state,
        copies: job?.copies,
        copiesSent: job?.copiesSent,
        attempts: job?.attempts,
        reason: job?.reason?.code,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      },
      'job',
    );
  }

  async #process(worker: Worker, queued: PrintJob): Promise<void> {
    // Before the printer's status: a refused job must not wait, held, for a printer to return.
    const refusal = this.#gate(queued);
    if (refusal) {
      this.#ledger.finish(queued.jobId, 'failed', { reason: refusal });
      return;
    }
    const status =
      Date.now() - worker.statusAt > this.#policy.statusMaxAgeMs
        ? await this.#refreshStatus(worker)
        : worker.status;
    if (status && !readyStates.has(status.state)) {
      this.#ledger.hold(queued.jobId, status.reason ?? notReadyReason(status.state));
      return;
    }
    const job = this.#ledger.claimForRendering(queued.jobId);
    const sheets: Uint8Array[] = [];
    try {
      const printable = this.#ledger.printable(job.jobId);
      // Parsed again (tolerantly) rather than trusted: the ledger file lives outside the process.
      const document = issuedDocumentSchema.parse(JSON.parse(printable?.documentJson ?? 'null'));
      const qrUrl = printable?.qrUrl ?? '';
      const format = worker.printer.driver.format;
      for (let sheet = job.copiesSent; sheet < job.copies; sheet++) {
        const mark = sheet === 0 && job.mark === 'original' ? 'original' : 'copy';
        sheets.push(await this.#renderer.render(document, { mark, qrUrl, format }));
      }
    } catch (error) {
      this.#ledger.finish(job.jobId, 'failed', { reason: reasonOf('render_failed', error) });
      return;
    }
    this.#ledger.markSending(job.jobId);
    await this.#faults.at('agent.before-send');
    let outcome: 'printed' | 'spooled' = 'printed';
    let sent = job.copiesSent;
    try {
      for (const bytes of sheets) {
        const result = await worker.printer.driver.send(bytes, {
          title: `${job.documentNumber}_${job.jobId}_${sent + 1}`,
          timeoutMs: Math.ceil(
            this.#policy.baseTimeoutMs + (bytes.length / this.#policy.bytesPerSecond) * 1000,
          ),
        });
        if (result === 'spooled') outcome = 'spooled';
        sent += 1;
        // The last sheet's count is committed with the final state (one fsync less per job).
        if (sent < job.copies) this.#ledger.markCopySent(job.jobId, sent);
      }
    } catch (error) {
      if (sent > job.copiesSent) this.#ledger.markCopySent(job.jobId, sent);
      this.#onSendFailure(worker, job, error);
      return;
    }
    await this.#faults.at('agent.after-send');
    this.#ledger.finish(job.jobId, outcome, { copiesSent: sent });
  }

  #onSendFailure(worker: Worker, job: PrintJob, error: unknown): void {
    const reason = sendFailureReason(error);
    if (error instanceof DriverError && error.isUncertain) {
      // Part of the job may be on paper: sending it again could print a second ORIGINAL.
      this.#ledger.markToCheck(job.jobId, reason);
      return;
    }
    if (error instanceof DriverError && error.isHold) {
      worker.statusAt = 0;
      this.#ledger.hold(job.jobId, reason);
      return;
    }
    const attempts = job.attempts + 1;
    if (attempts >= this.#policy.maxAttempts) {
      this.#ledger.finish(job.jobId, 'failed', { reason, attempts });
      return;
    }
    const delay = Math.min(
      this.#policy.baseRetryDelayMs * 2 ** (attempts - 1),
      this.#policy.maxRetryDelayMs,
    );
    this.#ledger.retryLater(job.jobId, Date.now() + delay, attempts, reason);
  }

  async #refreshStatus(worker: Worker): Promise<PrinterStatus> {
    let status: PrinterStatus;
    try {
      status = await worker.printer.driver.status();
    } catch (error) {
      const reason = reasonOf('status_failed', error);
      status = { state: 'error', reason };
    }
    worker.status = status;
    worker.statusAt = Date.now();
    return status;
  }
}

/** A reason for drivers that report a state without one. */
function notReadyReason(state: string): PrintReason {
  return {
    code: `printer_${state}`,
    fr: `L’imprimante n’est pas prête (${state}).`,
    en: `The printer is not ready (${state}).`,
  };
}

function reasonOf(code: string, error: unknown): PrintReason {
  const why = error instanceof Error ? error.message : String(error);
  return { code, fr: `Erreur : ${why}`, en: `Error: ${why}` };
}
