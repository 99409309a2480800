import type { Tx } from '../db/engine.js';

/*
 * Accounts' e-mail addresses for notices, with the language each person chose.
 */

/** An account's contact. */
export interface AccountContact {
  accountId: string;
  email: string;
  language: 'fr' | 'en';
  /** When the person last set it (absent where the query did not read it). */
  updatedAt?: string;
}

/** Sets (or replaces) an account's contact. */
export async function saveAccountContact(tx: Tx, contact: AccountContact, at: Date): Promise<void> {
  const values = {
    account_id: contact.accountId,
    email: contact.email,
    language: contact.language,
    updated_at: at.toISOString(),
  };
  await tx
    .insertInto('account_contacts')
    .values(values)
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet({
        email: values.email,
        language: values.language,
        updated_at: values.updated_at,
      }),
    )
    .execute();
}

/** An account's contact, if it gave one. */
export async function findAccountContact(
  tx: Tx,
  accountId: string,
): Promise<AccountContact | undefined> {
  const row = await tx
    .selectFrom('account_contacts')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row && toContact(row);
}

function toContact(row: {
  account_id: string;
  email: string;
  language: string;
  updated_at?: string;
}): AccountContact {
  return {
    accountId: row.account_id,
    email: row.email,
    language: row.language === 'en' ? 'en' : 'fr',
    ...(row.updated_at !== undefined && { updatedAt: row.updated_at }),
  };
}

/**
 * The contacts of a dealer's administrators (active accounts with the administrator role
 * under one of the dealer's licences): who hears of the bank account and kiosks.
 */
export async function administratorContactsOfDealer(
  tx: Tx,
  dealerId: string,
): Promise<AccountContact[]> {
  const rows = await tx
    .selectFrom('account_contacts as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .innerJoin('account_licences as al', 'al.account_id', 'a.id')
    .innerJoin('licences as l', 'l.number', 'al.licence')
    .select(['c.account_id', 'c.email', 'c.language'])
    .distinct()
    .where('l.dealer_id', '=', dealerId)
    .where('al.role', '=', 'administrator')
    .where('a.is_disabled', '=', 0)
    .execute();
  return rows.map(toContact);
}

/** A dealer's name (what a notice to its administrators names). */
export async function findDealerName(tx: Tx, dealerId: string): Promise<string | undefined> {
  const row = await tx
    .selectFrom('dealers')
    .select('name')
    .where('id', '=', dealerId)
    .executeTakeFirst();
  return row?.name;
}
