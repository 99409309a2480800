import { plateXOrderSchema } from '../schemas/plate-x.schema.js';
import { defineCommand } from './define-command.js';

/** An order of X plates (dealer plates) from the licence's series: administrators only. */
export const platexOrderCommand = defineCommand({
  type: 'platex.order',
  payload: plateXOrderSchema,
  action: 'platex.order',
  availability: 'queued',
  issues: [],
});
