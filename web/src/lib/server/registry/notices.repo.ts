import type { MailOutboxEntry, Notice } from '@comptoir/shared';
import type { Tx } from '../db/engine.js';
import { administratorContactsOfDealer } from './account-contacts.repo.js';
import { enqueueOutbox } from './server-outbox.repo.js';

/*
 * Notices by e-mail: queued in the transaction that decided them, sent by the outbox
 * (never inside the request).
 */

/** Queues one e-mail. */
export async function enqueueNotice(tx: Tx, entry: MailOutboxEntry, at: Date): Promise<void> {
  await enqueueOutbox(tx, { topic: 'mail', subject: entry.notice.kind, payload: entry, at });
}

/** Queues one e-mail to each administrator of the dealer who gave an address. */
export async function noticeDealerAdministrators(
  tx: Tx,
  dealerId: string,
  notice: Notice,
  at: Date,
): Promise<number> {
  const contacts = await administratorContactsOfDealer(tx, dealerId);
  for (const contact of contacts) {
    await enqueueNotice(
      tx,
      { to: { email: contact.email, language: contact.language }, notice },
      at,
    );
  }
  return contacts.length;
}
