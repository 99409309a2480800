import { reject, type AppliedResult, type CommandContext } from '../command-context.js';

/** Statuses that mean paper may have come out: they count as printed (held/failed do not). */
const countedStatuses = new Set(['printed', 'spooled', 'to_check']);

/**
 * Records a kiosk's print outcome on the document (print count, pull change) and in the
 * audit. The document must belong to the command's licence.
 */
export async function recordPrintOutcome(
  c: CommandContext<'print.outcome'>,
): Promise<AppliedResult> {
  const { tx, now, licence, command } = c;
  const outcome = command.payload;
  const document = await tx
    .selectFrom('documents')
    .select(['number', 'kind', 'print_count'])
    .where('number', '=', outcome.documentNumber)
    .where('licence', '=', licence.number)
    .executeTakeFirst();
  if (!document) reject('not_found', ['payload.documentNumber']);
  if (document.kind !== outcome.documentKind) reject('invalid_input', ['payload.documentKind']);

  // One job may report twice (spooled, then printed): it is still one sheet of paper.
  const earlier = await tx
    .selectFrom('print_outcomes')
    .select('status')
    .where('document_number', '=', document.number)
    .where('job_id', '=', outcome.jobId)
    .execute();
  const wasCounted = earlier.some((row) => countedStatuses.has(row.status));
  await tx
    .insertInto('print_outcomes')
    .values({
      command_id: command.id,
      document_number: document.number,
      job_id: outcome.jobId,
      printer: outcome.printer,
      is_copy: outcome.copy ? 1 : 0,
      status: outcome.status,
      recorded_at: now.toISOString(),
    })
    .execute();
  const counted = countedStatuses.has(outcome.status);
  await tx
    .updateTable('documents')
    .set({
      print_count: document.print_count + (counted && !wasCounted ? 1 : 0),
      change_seq: await c.batch.nextChangeSeq(tx, licence.number),
    })
    .where('number', '=', document.number)
    .execute();
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
