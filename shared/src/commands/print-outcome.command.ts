import { printOutcomeSchema } from '../schemas/print-outcome.schema.js';
import { defineCommand } from './define-command.js';

/** What became of a print job (printed, failed, reprinted), for the document's record. */
export const printOutcomeCommand = defineCommand({
  type: 'print.outcome',
  payload: printOutcomeSchema,
  action: 'document.print',
  availability: 'queued',
  issues: [],
});
