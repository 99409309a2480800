import type { Tx } from '../db/engine.js';

/*
 * What kiosks report of each print job, and the print count kept on the document row (the
 * count kiosks pull with the document's status).
 */

/** The statuses already reported for one print job of a document, in no particular order. */
export async function printJobStatuses(
  tx: Tx,
  documentNumber: string,
  jobId: string,
): Promise<string[]> {
  const rows = await tx
    .selectFrom('print_outcomes')
    .select('status')
    .where('document_number', '=', documentNumber)
    .where('job_id', '=', jobId)
    .execute();
  return rows.map((row) => row.status);
}

/** One report of a print job, as a `print.outcome` command sends it. */
export interface PrintOutcomeRecord {
  commandId: string;
  documentNumber: string;
  jobId: string;
  printer: string;
  isCopy: boolean;
  status: string;
  /** ISO instant. */
  recordedAt: string;
}

/** Appends a print report (a job may report more than once: spooled, then printed). */
export async function insertPrintOutcome(tx: Tx, outcome: PrintOutcomeRecord): Promise<void> {
  await tx
    .insertInto('print_outcomes')
    .values({
      command_id: outcome.commandId,
      document_number: outcome.documentNumber,
      job_id: outcome.jobId,
      printer: outcome.printer,
      is_copy: outcome.isCopy ? 1 : 0,
      status: outcome.status,
      recorded_at: outcome.recordedAt,
    })
    .execute();
}
