import { hasFreshReauthentication } from '../../accounts/reauthentication.js';
import { encryptSecret } from '../../secret-box.js';
import {
  findBankAccountSummary,
  saveBankAccount,
  type BankAccountSummary,
} from '../../registry/bank.repo.js';
import { reject, type AppliedResult } from '@comptoir/shared';
import type { CommandContext } from '../command-context.js';
import { noticeDealerAdministrators } from '../../registry/notices.repo.js';

/** How an account number is shown once stored: its last 4 digits only. */
export function maskAccount(last4: string): string {
  return `•••${last4}`;
}

/**
 * `bankaccount.set` (administrators, online only through `POST /api/commands`): adds or
 * replaces the dealer's account for pre-authorized debits. Needs a re-authentication within
 * the last 5 minutes (docs/domain.md#re-authentication-for-sensitive-actions); without it the
 * command is rejected `reauthentication_required` (and, as every rejection, stored: the kiosk
 * re-authenticates and sends a new command). The account number is stored encrypted
 * (`COMPTOIR_SECRET_KEY`) with its last 4 digits for the masked view; the audit keeps the
 * masked account before and after, never the number.
 */
export async function setBankAccount(c: CommandContext<'bankaccount.set'>): Promise<AppliedResult> {
  const { tx, now, licence, actor, server, command } = c;
  if (!hasFreshReauthentication(actor, now)) reject('reauthentication_required');
  const account = command.payload;
  const dealerId = licence.dealer.id;
  const before = await findBankAccountSummary(tx, dealerId);
  const after = {
    dealerId,
    institution: account.institution,
    branchTransit: account.transit,
    accountLast4: account.account.slice(-4),
    accountCipher: encryptSecret(server.secretKey, account.account),
    holderName: account.holderName,
    updatedAt: now.toISOString(),
  };
  await saveBankAccount(tx, after);
  const masked = (value: BankAccountSummary) =>
    `${value.institution}-${value.branchTransit}-${maskAccount(value.accountLast4)}`;
  await c.batch.audit.append(tx, {
    event: before ? 'bank_account.replaced' : 'bank_account.added',
    actor: actor.id,
    licence: licence.number,
    subject: dealerId,
    detail: { commandId: command.id, before: before ? masked(before) : null, after: masked(after) },
  });
  // The administrators hear of it by e-mail: a change they did not make is fraud.
  await noticeDealerAdministrators(
    tx,
    dealerId,
    { kind: 'bank_account_changed', dealerName: licence.dealer.name, at: now.toISOString() },
    now,
  );
  return { documents: [] };
}
