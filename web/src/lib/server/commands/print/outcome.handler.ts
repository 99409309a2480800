import { type AppliedResult, paperMayExistStatuses, reject } from '@comptoir/shared';
import { findLicenceDocument, updatePrintCount } from '../../registry/documents.repo.js';
import { insertPrintOutcome, printJobStatuses } from '../../registry/print-outcomes.repo.js';
import type { CommandContext } from '../command-context.js';

/** Statuses that mean paper may have come out: they count as printed (held/failed do not). */
const countedStatuses: ReadonlySet<string> = new Set(paperMayExistStatuses);

/**
 * Records a kiosk's print outcome on the document (print count, pull change) and in the
 * audit. The document must belong to the command's licence.
 */
export async function recordPrintOutcome(
  c: CommandContext<'print.outcome'>,
): Promise<AppliedResult> {
  const { tx, now, licence, command } = c;
  const outcome = command.payload;
  const document = await findLicenceDocument(tx, licence.number, outcome.documentNumber);
  if (!document) reject('not_found', ['payload.documentNumber']);
  if (document.kind !== outcome.documentKind) reject('invalid_input', ['payload.documentKind']);

  // One job may report twice (spooled, then printed): it is still one sheet of paper.
  const earlier = await printJobStatuses(tx, document.number, outcome.jobId);
  const wasCounted = earlier.some((status) => countedStatuses.has(status));
  await insertPrintOutcome(tx, {
    commandId: command.id,
    documentNumber: document.number,
    jobId: outcome.jobId,
    printer: outcome.printer,
    isCopy: outcome.copy,
    status: outcome.status,
    recordedAt: now.toISOString(),
  });
  const counted = countedStatuses.has(outcome.status);
  await updatePrintCount(
    tx,
    document.number,
    document.printCount + (counted && !wasCounted ? 1 : 0),
    await c.batch.nextChangeSeq(tx, licence.number),
  );
  await c.batch.audit.append(tx, {
    event: counted ? 'document.printed' : 'document.print_failed',
    actor: c.actor.id,
    licence: licence.number,
    subject: document.number,
    detail: {
      commandId: command.id,
      jobId: outcome.jobId,
      printer: outcome.printer,
      copy: outcome.copy,
      status: outcome.status,
    },
  });
  return { documents: [] };
}
