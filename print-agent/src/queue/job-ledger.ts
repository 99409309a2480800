import type Database from 'better-sqlite3';
import {
  printReasonSchema,
  type DocumentKind,
  type PrintJob,
  type PrintJobState,
  type PrintReason,
  type PrinterRole,
} from '@comptoir/shared';
import { openAgentDatabase } from '../storage/agent-database.js';
import { JobWatch } from './job-watch.js';

/** What the ledger needs to accept a new job (already verified and routed). */
export interface NewJob {
  jobId: string;
  requestHash: string;
  documentNumber: string;
  documentKind: DocumentKind;
  /** The verified document, as signed, kept so a restart can render it again. */
  documentJson: string;
  /** The verification URL printed as the document's QR code. */
  qrUrl: string;
  printer: string;
  role: PrinterRole | null;
  copies: number;
  reprint: boolean;
  /** The paired kiosk that sent it (null for jobs from before it was recorded). */
  kioskId?: string | null;
}

/** The outcome of accepting a job: new, the same job again, or another body under that id. */
export type AcceptOutcome =
  | { kind: 'created'; job: PrintJob }
  | { kind: 'existing'; job: PrintJob }
  | { kind: 'conflict'; job: PrintJob };

interface JobRow {
  id: string;
  request_hash: string;
  document_number: string;
  document_kind: DocumentKind;
  document_json: string;
  qr_url: string;
  printer: string;
  role: PrinterRole | null;
  copies: number;
  copies_sent: number;
  is_copy: number;
  reprint: number;
  state: PrintJobState;
  reason: string | null;
  attempts: number;
  next_attempt_at: number;
  created_at: string;
  updated_at: string;
  kiosk_id: string | null;
}

const schema = `
create table if not exists jobs (
  id text primary key,
  request_hash text not null,
  document_number text not null,
  document_kind text not null,
  document_json text not null,
  qr_url text not null,
  printer text not null,
  role text,
  copies integer not null,
  copies_sent integer not null default 0,
  is_copy integer not null,
  reprint integer not null,
  state text not null,
  reason text,
  attempts integer not null default 0,
  next_attempt_at integer not null default 0,
  created_at text not null,
  updated_at text not null,
  kiosk_id text
);
create index if not exists jobs_by_printer_state on jobs (printer, state, next_attempt_at);
create index if not exists jobs_by_number on jobs (document_number, state);
create index if not exists jobs_by_created on jobs (created_at);
`;

/**
 * The durable job ledger, in the agent's SQLite file (WAL, synchronous=FULL: a job is
 * acknowledged only once it is on disk). Every method is synchronous, so a check and its write
 * cannot interleave with another request. Kiosk tokens live in the same file, in their own
 * store (`trust/pairing-store.ts`).
 */
export class JobLedger {
  readonly #db: Database.Database;
  readonly #now: () => Date;
  /** Waiters of the long poll (`GET /jobs/:id?wait=`), woken after each write. */
  readonly watch = new JobWatch();

  constructor(dataDir: string, now: () => Date = () => new Date()) {
    this.#db = openAgentDatabase(dataDir, schema);
    this.#now = now;
    // Ledgers made before jobs recorded their kiosk get the column (null for their jobs).
    const columns = this.#db.prepare<[], { name: string }>(`pragma table_info(jobs)`).all();
    if (!columns.some((column) => column.name === 'kiosk_id')) {
      this.#db.exec(`alter table jobs add column kiosk_id text`);
    }
  }

  close(): void {
    this.#db.close();
  }

  /** Inserts a job once; the same id again answers the stored job, or a conflict. */
  accept(job: NewJob): AcceptOutcome {
    return this.#db.transaction((): AcceptOutcome => {
      const previous = this.findPrevious(job.jobId, job.requestHash);
      if (previous) return previous;
      const now = this.#now().toISOString();
      const isCopy = job.reprint || this.hasMayHavePrinted(job.documentNumber);
      this.#db
        .prepare(
          `insert into jobs (id, request_hash, document_number, document_kind, document_json,
             qr_url, printer, role, copies, is_copy, reprint, state, created_at, updated_at,
             kiosk_id)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
        )
        .run(
          job.jobId,
          job.requestHash,
          job.documentNumber,
          job.documentKind,
          job.documentJson,
          job.qrUrl,
          job.printer,
          job.role,
          job.copies,
          isCopy ? 1 : 0,
          job.reprint ? 1 : 0,
          now,
          now,
          job.kioskId ?? null,
        );
      this.watch.changed(job.jobId);
      return { kind: 'created', job: this.#mustGet(job.jobId) };
    })();
  }

  /** The stored job under this id, as the same request again or as a conflicting one. */
  findPrevious(
    jobId: string,
    requestHash: string,
  ): Exclude<AcceptOutcome, { kind: 'created' }> | undefined {
    const row = this.#row(jobId);
    if (!row) return undefined;
    return { kind: row.request_hash === requestHash ? 'existing' : 'conflict', job: toJob(row) };
  }

  get(jobId: string): PrintJob | undefined {
    const row = this.#row(jobId);
    return row ? toJob(row) : undefined;
  }

  /** The verified document a job prints (JSON text) and the URL its QR code carries. */
  printable(jobId: string): { documentJson: string; qrUrl: string } | undefined {
    const row = this.#row(jobId);
    return row ? { documentJson: row.document_json, qrUrl: row.qr_url } : undefined;
  }

  /** The paired kiosk that sent a job, when recorded. */
  kioskOf(jobId: string): string | null {
    return this.#row(jobId)?.kiosk_id ?? null;
  }

  /**
   * Fails, at once, the jobs of a kiosk whose pairing was just revoked that have not reached a
   * printer yet (queued or held): a stolen kiosk's queue never prints. Answers how many.
   */
  failWaitingJobsOfKiosk(kioskId: string, reason: PrintReason): number {
    const failed = this.#db
      .prepare(
        `update jobs set state = 'failed', reason = ?, updated_at = ?
         where kiosk_id = ? and state in ('queued', 'held')`,
      )
      .run(JSON.stringify(reason), this.#now().toISOString(), kioskId).changes;
    if (failed > 0) this.watch.changedAll();
    return failed;
  }

  /** The ledger, newest first, filtered by state and/or document number. */
  list(filter: { state?: PrintJobState; number?: string; limit?: number } = {}): PrintJob[] {
    const rows = this.#db
      .prepare<{ state: string | null; number: string | null; limit: number }, JobRow>(
        `select * from jobs where (@state is null or state = @state)
           and (@number is null or document_number = @number)
         order by created_at desc, id desc limit @limit`,
      )
      .all({
        state: filter.state ?? null,
        number: filter.number ?? null,
        limit: filter.limit ?? 100,
      });
    return rows.map(toJob);
  }

  /**
   * The offline papers the ledger holds under numbers starting with `prefix` (`TH-2026-`), one
   * per number, with the content of its first job: a lease's cap counts them, and a second
   * paper under a number already held is refused. Failed jobs put nothing on paper: not counted.
   */
  offlinePapers(prefix: string): Map<string, string> {
    const rows = this.#db
      .prepare<[string], { document_number: string; document_json: string }>(
        `select document_number, document_json from jobs
          where document_number like ? and state <> 'failed'
          order by created_at, id`,
      )
      .all(`${prefix}%`);
    const papers = new Map<string, string>();
    for (const row of rows) {
      if (!papers.has(row.document_number)) papers.set(row.document_number, row.document_json);
    }
    return papers;
  }

  /** True when a job of this document number may already have put paper out. */
  hasMayHavePrinted(documentNumber: string, exceptJobId = ''): boolean {
    const row = this.#db
      .prepare(
        `select 1 from jobs where document_number = ? and id <> ?
           and (state in ('printed', 'spooled', 'to_check', 'sending')
                or (state = 'rendering' and is_copy = 0))
         limit 1`,
      )
      .get(documentNumber, exceptJobId);
    return row !== undefined;
  }

  /** The next job this printer may start now, oldest first. */
  nextRunnable(printer: string, nowMs: number): PrintJob | undefined {
    const row = this.#db
      .prepare<[string, number], JobRow>(
        `select * from jobs where printer = ? and state = 'queued' and next_attempt_at <= ?
         order by rowid limit 1`,
      )
      .get(printer, nowMs);
    return row ? toJob(row) : undefined;
  }

  /** When this printer's next delayed retry is due, if any. */
  nextRetryAt(printer: string): number | undefined {
    const row = this.#db
      .prepare<[string], { at: number | null }>(
        `select min(next_attempt_at) as at from jobs where printer = ? and state = 'queued'`,
      )
      .get(printer);
    return row?.at ?? undefined;
  }

  /**
   * Starts rendering, deciding ORIGINAL or COPY now (the latest moment before paper): COPY when
   * the kiosk said reprint or another job of the number may have printed.
   */
  claimForRendering(jobId: string): PrintJob {
    return this.#db.transaction(() => {
      const row = this.#mustRow(jobId);
      const isCopy =
        row.reprint === 1 ||
        row.is_copy === 1 ||
        this.hasMayHavePrinted(row.document_number, jobId);
      this.#update(jobId, { state: 'rendering', is_copy: isCopy ? 1 : 0, reason: null });
      return this.#mustGet(jobId);
    })();
  }

  markSending(jobId: string): void {
    this.#update(jobId, { state: 'sending' });
  }

  /** Counts one more sheet sent; the job stays `sending` until the last. */
  markCopySent(jobId: string, copiesSent: number): void {
    this.#update(jobId, { copies_sent: copiesSent });
  }

  /** Records a final state, with the last sheet's count and the attempts when known. */
  finish(
    jobId: string,
    state: 'printed' | 'spooled' | 'failed',
    details: { reason?: PrintReason; copiesSent?: number; attempts?: number } = {},
  ): void {
    this.#update(jobId, {
      state,
      reason: details.reason ? JSON.stringify(details.reason) : null,
      ...(details.copiesSent === undefined ? {} : { copies_sent: details.copiesSent }),
      ...(details.attempts === undefined ? {} : { attempts: details.attempts }),
    });
  }

  /** Puts a job back in line after a transient failure. */
  retryLater(jobId: string, atMs: number, attempts: number, reason: PrintReason): void {
    this.#update(jobId, {
      state: 'queued',
      next_attempt_at: atMs,
      attempts,
      reason: JSON.stringify(reason),
    });
  }

  /** The printer stopped mid-job: whether it printed is for a person to say. */
  markToCheck(jobId: string, reason: PrintReason): void {
    this.#update(jobId, { state: 'to_check', reason: JSON.stringify(reason) });
  }

  hold(jobId: string, reason: PrintReason): void {
    this.#update(jobId, { state: 'held', reason: JSON.stringify(reason) });
  }

  /** The printer is back: its held jobs go back in line, in their order. */
  releaseHeld(printer: string): number {
    const released = this.#db
      .prepare(
        `update jobs set state = 'queued', reason = null, next_attempt_at = 0, updated_at = ?
         where printer = ? and state = 'held'`,
      )
      .run(this.#now().toISOString(), printer).changes;
    if (released > 0) this.watch.changedAll();
    return released;
  }

  /** True when this printer has a held job (its queue waits). */
  hasHeld(printer: string): boolean {
    return (
      this.#db
        .prepare(`select 1 from jobs where printer = ? and state = 'held' limit 1`)
        .get(printer) !== undefined
    );
  }

  /**
   * After a restart: a job found `sending` may or may not have printed, so it becomes
   * `to_check` (a person decides); a job found `rendering` never reached the printer.
   */
  resumeAfterRestart(): { toCheck: number; requeued: number } {
    return this.#db.transaction(() => {
      const now = this.#now().toISOString();
      const reason = JSON.stringify({
        code: 'interrupted_while_sending',
        fr: 'L’agent s’est arrêté pendant l’envoi : vérifiez si le document est sorti.',
        en: 'The agent stopped while sending: check whether the document came out.',
      });
      const toCheck = this.#db
        .prepare(
          `update jobs set state = 'to_check', reason = ?, updated_at = ? where state = 'sending'`,
        )
        .run(reason, now).changes;
      const requeued = this.#db
        .prepare(`update jobs set state = 'queued', updated_at = ? where state = 'rendering'`)
        .run(now).changes;
      this.watch.changedAll();
      return { toCheck, requeued };
    })();
  }

  /**
   * A person's decision on a `to_check` job: `reprint` queues the unsent sheets again as COPY
   * (the interrupted sheet may have printed), `done` records that it printed.
   */
  decideToCheck(jobId: string, decision: 'reprint' | 'done'): PrintJob | undefined {
    return this.#db.transaction(() => {
      const row = this.#row(jobId);
      if (!row || row.state !== 'to_check') return undefined;
      if (decision === 'done') {
        this.#update(jobId, {
          state: 'printed',
          copies_sent: row.copies,
          reason: JSON.stringify({
            code: 'confirmed_by_person',
            fr: 'Confirmé imprimé par une personne.',
            en: 'Confirmed printed by a person.',
          }),
        });
      } else {
        this.#update(jobId, { state: 'queued', is_copy: 1, reason: null, next_attempt_at: 0 });
      }
      return this.#mustGet(jobId);
    })();
  }

  /** How many jobs are in each state (health page). */
  countByState(): Partial<Record<PrintJobState, number>> {
    const rows = this.#db
      .prepare<[], { state: PrintJobState; n: number }>(
        `select state, count(*) as n from jobs group by state`,
      )
      .all();
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }

  #row(jobId: string): JobRow | undefined {
    return this.#db.prepare<[string], JobRow>(`select * from jobs where id = ?`).get(jobId);
  }

  #mustRow(jobId: string): JobRow {
    const row = this.#row(jobId);
    if (!row) throw new Error(`job ${jobId} is not in the ledger`);
    return row;
  }

  #mustGet(jobId: string): PrintJob {
    return toJob(this.#mustRow(jobId));
  }

  #update(jobId: string, changes: Partial<Omit<JobRow, 'id'>>): void {
    const entries = Object.entries({ ...changes, updated_at: this.#now().toISOString() });
    const sets = entries.map(([column]) => `${column} = ?`).join(', ');
    this.#db
      .prepare(`update jobs set ${sets} where id = ?`)
      .run(...entries.map(([, value]) => value), jobId);
    this.watch.changed(jobId);
  }
}

function parseReason(text: string | null): PrintReason | null {
  if (!text) return null;
  const parsed = printReasonSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

function toJob(row: JobRow): PrintJob {
  return {
    jobId: row.id,
    state: row.state,
    reason: parseReason(row.reason),
    documentNumber: row.document_number,
    documentKind: row.document_kind,
    printer: row.printer,
    role: row.role,
    copies: row.copies,
    copiesSent: row.copies_sent,
    mark: row.is_copy === 1 ? 'copy' : 'original',
    reprint: row.reprint === 1,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
