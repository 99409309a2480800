import { licenceQuerySchema, type BankAccountAnswer } from '@comptoir/shared';
import type { SessionAccount } from '../accounts/session.service.js';
import { maskAccount } from '../commands/bank/bank-account.handler.js';
import type { ServerContext } from '../context.js';
import { requireLicenceAction } from '../http/authorize.js';
import { parseRequest } from '../http/request-input.js';

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
  const row = await server.storage.db
    .selectFrom('bank_accounts as b')
    .innerJoin('licences as l', 'l.dealer_id', 'b.dealer_id')
    .select([
      'b.institution',
      'b.branch_transit',
      'b.account_last4',
      'b.holder_name',
      'b.updated_at',
    ])
    .where('l.number', '=', licence)
    .executeTakeFirst();
  return {
    account: row
      ? {
          institution: row.institution,
          transit: row.branch_transit,
          accountMasked: maskAccount(row.account_last4),
          holderName: row.holder_name,
          updatedAt: row.updated_at,
        }
      : null,
  };
}
