import { atacCreateSchema } from '../schemas/atac.schema.js';
import { defineCommand } from './define-command.js';

/** A sale attestation (ATAC): queueable, any dealer role. */
export const atacCreateCommand = defineCommand({
  type: 'atac.create',
  payload: atacCreateSchema,
  action: 'atac.create',
  availability: 'queued',
  issues: ['atac'],
});
