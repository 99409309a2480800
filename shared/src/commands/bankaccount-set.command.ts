import { bankAccountSchema } from '../schemas/bank-account.schema.js';
import { defineCommand } from './define-command.js';

/** The dealer's bank account for registry fees: online only, administrators, fresh sign-in. */
export const bankaccountSetCommand = defineCommand({
  type: 'bankaccount.set',
  payload: bankAccountSchema,
  action: 'bankaccount.set',
  availability: 'online',
  issues: [],
});
