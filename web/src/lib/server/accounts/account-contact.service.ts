import {
  accountContactInputSchema,
  type AccountContactAnswer,
  type AccountContactInput,
} from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { requireFreshReauthentication } from '../http/authorize.js';
import { parseRequest } from '../http/request-input.js';
import {
  findAccountContact,
  saveAccountContact,
  type AccountContact,
} from '../registry/account-contacts.repo.js';
import type { SessionAccount } from './session.service.js';

/*
 * The signed-in person's own address for notices and their language
 * (docs/plates-by-mail.md#notices-by-e-mail). Only one's own: the route names no account, so
 * nobody can set another person's address (an administrator redirecting a colleague's bank
 * account notices would defeat them).
 */

function answerOf(contact: AccountContact | undefined): AccountContactAnswer {
  return {
    contact: contact
      ? { email: contact.email, language: contact.language, updatedAt: contact.updatedAt ?? '' }
      : null,
  };
}

/** `GET /api/accounts/me/contact`: the address and language on file, or null. */
export async function viewOwnContact(
  server: ServerContext,
  actor: SessionAccount,
): Promise<AccountContactAnswer> {
  return answerOf(await findAccountContact(server.storage.db, actor.id));
}

/**
 * `PUT /api/accounts/me/contact`: sets the address and language. Idempotent: the same values
 * again change nothing and audit nothing (the answer is the same); a change is audited
 * (`account.contact_set`, system chain) with the address, so that a redirected notice can be
 * traced. A body that does not parse is refused 400 with its fields, audited; a new address
 * without a re-authentication in the last 5 minutes 403 `reauthentication_required`, audited.
 */
export async function setOwnContact(
  server: ServerContext,
  actor: SessionAccount,
  body: unknown,
): Promise<AccountContactAnswer> {
  const input: AccountContactInput = await parseRequest(
    server,
    actor,
    'accounts.contact.set',
    accountContactInputSchema,
    body,
  );
  // Where notices go is sensitive (a bank account's change is announced there): a new address
  // asks for a fresh re-authentication, so a session left open cannot redirect them. The
  // language alone does not.
  const current = await findAccountContact(server.storage.db, actor.id);
  if (current?.email !== input.email) {
    await requireFreshReauthentication(server, actor, { route: 'accounts.contact.set' });
  }
  const now = server.clock();
  const saved = await server.storage.writeTransaction(async (tx) => {
    const before = await findAccountContact(tx, actor.id);
    if (before?.email === input.email && before.language === input.language) return before;
    await saveAccountContact(tx, { accountId: actor.id, ...input }, now);
    await appendAudit(tx, now, {
      event: 'account.contact_set',
      actor: actor.id,
      subject: actor.id,
      detail: {
        email: input.email,
        language: input.language,
        ...(before && { previousEmail: before.email }),
      },
    });
    return { accountId: actor.id, ...input, updatedAt: now.toISOString() };
  });
  return answerOf(saved);
}
