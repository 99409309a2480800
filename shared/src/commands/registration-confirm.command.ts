import { registrationConfirmSchema } from '../schemas/registration.schema.js';
import { defineCommand } from './define-command.js';

/**
 * Confirms a registration on hold: online only, the registry changes owner and debits the fee
 * with the client present; issues the provisional plate, the certificate and the proof.
 */
export const registrationConfirmCommand = defineCommand({
  type: 'registration.confirm',
  payload: registrationConfirmSchema,
  action: 'vehicle.register',
  availability: 'online',
  issues: ['provisional_plate', 'registration_certificate', 'proof_of_service'],
});
