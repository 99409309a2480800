import { registrationRequestSchema } from '../schemas/registration.schema.js';
import { defineCommand } from './define-command.js';

/** A registration put on hold (typed offline, confirmed later with the client present). */
export const registrationHoldCommand = defineCommand({
  type: 'registration.hold',
  payload: registrationRequestSchema,
  action: 'vehicle.register',
  availability: 'queued',
  issues: [],
});
