import { registrationCancelSchema } from '../schemas/registration.schema.js';
import { defineCommand } from './define-command.js';

/** Same-day cancellation of a confirmed registration: online only; issues its proof. */
export const registrationCancelCommand = defineCommand({
  type: 'registration.cancel',
  payload: registrationCancelSchema,
  action: 'vehicle.register',
  availability: 'online',
  issues: ['proof_of_cancellation'],
});
