import { inventoryRecordSchema } from '../schemas/inventory.schema.js';
import { defineCommand } from './define-command.js';

/** A vehicle entered in the dealer's inventory (the dealer becomes its owner). */
export const inventoryRecordCommand = defineCommand({
  type: 'inventory.record',
  payload: inventoryRecordSchema,
  action: 'inventory.record',
  availability: 'queued',
  issues: ['proof_of_registration'],
});
