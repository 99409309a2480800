import type { ServerContext } from '../context.js';
import { findAccountContact, saveAccountContact } from '../registry/account-contacts.repo.js';

/**
 * The demo accounts' e-mail addresses for notices. The advice the seed stands for: a
 * professional address of the dealership (a role's address where one exists), never a
 * personal one. Demo-admin2 chose English, to show both languages.
 */
export const DEMO_CONTACTS = {
  'demo-admin': { email: 'administration@automobiles-laurentides.example', language: 'fr' },
  'demo-agree': { email: 'immatriculation@automobiles-laurentides.example', language: 'fr' },
  'demo-admin2': { email: 'office@garage-beauce.example', language: 'en' },
  'demo-generic': { email: 'salle-de-montre@garage-beauce.example', language: 'fr' },
  'demo-staff': { email: 'commercants@saaq.example', language: 'fr' },
} as const;

/** Gives each demo account its contact once (a contact changed since is kept). */
export async function seedDemoContacts(ctx: ServerContext): Promise<void> {
  await ctx.storage.writeTransaction(async (tx) => {
    const accounts = await tx
      .selectFrom('accounts')
      .select(['id', 'username'])
      .where('username', 'in', Object.keys(DEMO_CONTACTS))
      .execute();
    for (const account of accounts) {
      const contact = Object.entries(DEMO_CONTACTS).find(
        ([name]) => name === account.username,
      )?.[1];
      if (!contact || (await findAccountContact(tx, account.id))) continue;
      await saveAccountContact(tx, { accountId: account.id, ...contact }, ctx.clock());
    }
  });
}
