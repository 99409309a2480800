import { newId } from '@comptoir/shared';
import type { Tx } from '../db/engine.js';

/*
 * Dealers' bank accounts for pre-authorized debits, and the registration fees debited from
 * them (append-only: a cancelled registration is credited back, never deleted).
 */

/** What may be shown of a stored account: never its number, only its last 4 digits. */
export interface BankAccountSummary {
  institution: string;
  branchTransit: string;
  accountLast4: string;
}

/** The dealer's account as it may be shown, or undefined when none is on file. */
export async function findBankAccountSummary(
  tx: Tx,
  dealerId: string,
): Promise<BankAccountSummary | undefined> {
  const row = await tx
    .selectFrom('bank_accounts')
    .select(['institution', 'branch_transit', 'account_last4'])
    .where('dealer_id', '=', dealerId)
    .executeTakeFirst();
  return (
    row && {
      institution: row.institution,
      branchTransit: row.branch_transit,
      accountLast4: row.account_last4,
    }
  );
}

/** True when the dealer has an account on file. */
export async function hasBankAccount(tx: Tx, dealerId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('bank_accounts')
    .select('dealer_id')
    .where('dealer_id', '=', dealerId)
    .executeTakeFirst();
  return row !== undefined;
}

/** A dealer's account as stored: the number encrypted, its last 4 digits in clear. */
export interface BankAccountRecord extends BankAccountSummary {
  dealerId: string;
  /** The account number encrypted with the server's secret key (`secret-box`). */
  accountCipher: string;
  holderName: string;
  /** ISO instant. */
  updatedAt: string;
}

/** Adds the dealer's account, or replaces the one on file (one account per dealer). */
export async function saveBankAccount(tx: Tx, account: BankAccountRecord): Promise<void> {
  const row = {
    institution: account.institution,
    branch_transit: account.branchTransit,
    account_last4: account.accountLast4,
    account_cipher: account.accountCipher,
    holder_name: account.holderName,
    updated_at: account.updatedAt,
  };
  await tx
    .insertInto('bank_accounts')
    .values({ dealer_id: account.dealerId, ...row })
    .onConflict((oc) => oc.column('dealer_id').doUpdateSet(row))
    .execute();
}

/** A fee movement on a dealer's account, for one transaction. */
export interface BankMovement {
  dealerId: string;
  licence: string;
  transactionNumber: string;
  direction: 'debit' | 'credit';
  amountCents: number;
  /** ISO instant. */
  at: string;
}

/** Records a fee movement, pending until the authority's settlement collects it. */
export async function recordBankMovement(tx: Tx, movement: BankMovement): Promise<void> {
  await tx
    .insertInto('bank_debits')
    .values({
      id: newId(),
      dealer_id: movement.dealerId,
      licence: movement.licence,
      transaction_number: movement.transactionNumber,
      direction: movement.direction,
      amount_cents: movement.amountCents,
      status: 'pending',
      at: movement.at,
    })
    .execute();
}

/** What the dealer's administrators see of the account on file: never its number. */
export interface BankAccountDetails extends BankAccountSummary {
  holderName: string;
  /** ISO instant. */
  updatedAt: string;
}

/** The account on file of the licence's dealer, as its administrators see it, or undefined. */
export async function findLicenceBankAccount(
  tx: Tx,
  licence: string,
): Promise<BankAccountDetails | undefined> {
  const row = await tx
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
  return (
    row && {
      institution: row.institution,
      branchTransit: row.branch_transit,
      accountLast4: row.account_last4,
      holderName: row.holder_name,
      updatedAt: row.updated_at,
    }
  );
}
