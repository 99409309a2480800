import { licenceQuerySchema, type BankAccountAnswer } from '@comptoir/shared';
import type { SessionAccount } from '../accounts/session.service.js';
import { maskAccount } from '../commands/bank/bank-account.handler.js';
import type { ServerContext } from '../context.js';
import { requireLicenceAction } from '../http/authorize.js';
import { parseRequest } from '../http/request-input.js';
import { findLicenceBankAccount } from '../registry/bank.repo.js';

/**
 * `GET /api/bank-account?licence=` (administrators of the licence's dealer): the account on
 * file, masked, or null.
 */
export async function viewBankAccount(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<BankAccountAnswer> {
  const route = 'bank_account.view';
  const { licence } = await parseRequest(server, actor, route, licenceQuerySchema, query);
  await requireLicenceAction(server, actor, licence, 'bankaccount.set', { route });
  const account = await findLicenceBankAccount(server.storage.db, licence);
  return {
    account: account
      ? {
          institution: account.institution,
          transit: account.branchTransit,
          accountMasked: maskAccount(account.accountLast4),
          holderName: account.holderName,
          updatedAt: account.updatedAt,
        }
      : null,
  };
}
