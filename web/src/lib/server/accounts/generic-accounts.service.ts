import {
  fromZodError,
  genericAccountCreateSchema,
  genericAccountUpdateSchema,
  newId,
  uuidv7Schema,
  type GenericAccount,
} from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import type { Tx } from '../db/engine.js';
import { HttpError, fail } from '../http/responses.js';
import { Refusal, refusal, refuseDecided, requireAdministration } from '../http/authorize.js';
import { licenceOfQuery } from '../http/request-input.js';
import { hashPassword } from './password.js';
import { endSessionsOf, type SessionAccount } from './session.service.js';

/*
 * Generic (shared showroom) accounts of non-accredited dealers
 * (docs/domain.md#generic-accounts-non-accredited-dealers):
 * the administrator creates, renames, disables and resets them, under one of their licences
 * (action `accounts.manage_generic`). They act for the licences of the dealer that the
 * administrator administers.
 */

async function genericAccountsOf(
  tx: Tx | ServerContext['storage']['db'],
  dealerId: string,
  accountId?: string,
): Promise<GenericAccount[]> {
  let query = tx
    .selectFrom('accounts')
    .select(['id', 'username', 'display_name', 'is_disabled', 'created_at'])
    .where('dealer_id', '=', dealerId)
    .where('kind', '=', 'generic')
    .orderBy('username');
  if (accountId) query = query.where('id', '=', accountId);
  const accounts = await query.execute();
  const licences = accounts.length
    ? await tx
        .selectFrom('account_licences')
        .select(['account_id', 'licence'])
        .where(
          'account_id',
          'in',
          accounts.map((account) => account.id),
        )
        .orderBy('licence')
        .execute()
    : [];
  return accounts.map((account) => ({
    id: account.id,
    username: account.username,
    displayName: account.display_name,
    isDisabled: account.is_disabled === 1,
    licences: licences.filter((row) => row.account_id === account.id).map((row) => row.licence),
    createdAt: account.created_at,
  }));
}

/** `GET /api/accounts/generic?licence=`: the dealer's generic accounts. */
export async function listGenericAccounts(
  ctx: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<{ accounts: GenericAccount[] }> {
  const licence = licenceOfQuery(query);
  const scope = await requireAdministration(ctx, actor, licence, 'accounts.manage_generic', {
    route: 'accounts.generic.list',
  });
  return { accounts: await genericAccountsOf(ctx.storage.db, scope.dealerId) };
}

/** `POST /api/accounts/generic`: creates a generic account (201). */
export async function createGenericAccount(
  ctx: ServerContext,
  actor: SessionAccount,
  body: unknown,
): Promise<GenericAccount> {
  const parsed = genericAccountCreateSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  const input = parsed.data;
  const scope = await requireAdministration(ctx, actor, input.licence, 'accounts.manage_generic', {
    route: 'accounts.generic.create',
  });
  const now = ctx.clock();
  const audit = { actor: actor.id, licence: input.licence, subject: input.username };
  if (scope.isAccredited) {
    return refuseDecided(
      ctx,
      now,
      'account.generic_create.refused',
      refusal(422, 'generic_accounts_accredited_dealer', ['licence']),
      audit,
    );
  }
  const passwordHash = await hashPassword(input.password);
  // The licences of this dealer that the administrator administers.
  const licences = actor.licences
    .filter((entry) => entry.role === 'administrator')
    .map((entry) => entry.licence);
  const outcome = await ctx.storage.writeTransaction(
    async (tx): Promise<GenericAccount | Refusal> => {
      const dealerLicences = await tx
        .selectFrom('licences')
        .select('number')
        .where('dealer_id', '=', scope.dealerId)
        .where('number', 'in', licences)
        .execute();
      const taken = await tx
        .selectFrom('accounts')
        .select('id')
        .where('username', '=', input.username)
        .executeTakeFirst();
      if (taken) return refusal(409, 'username_taken', ['username']);
      const id = newId();
      await tx
        .insertInto('accounts')
        .values({
          id,
          username: input.username,
          password_hash: passwordHash,
          display_name: input.displayName,
          role: 'generic_employee',
          dealer_id: scope.dealerId,
          kind: 'generic',
          is_disabled: 0,
          created_at: now.toISOString(),
        })
        .execute();
      for (const { number } of dealerLicences) {
        await tx
          .insertInto('account_licences')
          .values({ account_id: id, licence: number, role: 'generic_employee' })
          .execute();
      }
      await appendAudit(tx, now, { event: 'account.generic_created', ...audit });
      const [created] = await genericAccountsOf(tx, scope.dealerId, id);
      if (!created) throw new Error('generic account vanished');
      return created;
    },
  );
  if (outcome instanceof Refusal)
    return refuseDecided(ctx, now, 'account.generic_create.refused', outcome, audit);
  return outcome;
}

/**
 * `PATCH /api/accounts/generic/[id]`: renames, disables or enables, resets the password.
 * Disabling and resetting end the account's sessions at once. An account of another dealer,
 * or not generic, is `not_found` (audited): nothing tells it exists.
 */
export async function updateGenericAccount(
  ctx: ServerContext,
  actor: SessionAccount,
  accountId: string,
  body: unknown,
): Promise<GenericAccount> {
  const parsed = genericAccountUpdateSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  const input = parsed.data;
  const scope = await requireAdministration(ctx, actor, input.licence, 'accounts.manage_generic', {
    route: 'accounts.generic.update',
  });
  const now = ctx.clock();
  const audit = { actor: actor.id, licence: input.licence, subject: accountId };
  if (!uuidv7Schema.safeParse(accountId).success) fail(404, 'not_found');
  const passwordHash =
    input.password === undefined ? undefined : await hashPassword(input.password);
  const outcome = await ctx.storage.writeTransaction(
    async (tx): Promise<GenericAccount | Refusal> => {
      const [current] = await genericAccountsOf(tx, scope.dealerId, accountId);
      if (!current) return refusal(404, 'not_found');
      if (input.username !== undefined && input.username !== current.username) {
        const taken = await tx
          .selectFrom('accounts')
          .select('id')
          .where('username', '=', input.username)
          .executeTakeFirst();
        if (taken) return refusal(409, 'username_taken', ['username']);
      }
      await tx
        .updateTable('accounts')
        .set({
          ...(input.username !== undefined && { username: input.username }),
          ...(input.displayName !== undefined && { display_name: input.displayName }),
          ...(input.isDisabled !== undefined && { is_disabled: input.isDisabled ? 1 : 0 }),
          ...(passwordHash !== undefined && { password_hash: passwordHash }),
        })
        .where('id', '=', accountId)
        .execute();
      const endsSessions = input.isDisabled === true || passwordHash !== undefined;
      const ended = endsSessions ? await endSessionsOf(tx, accountId) : 0;
      await appendAudit(tx, now, {
        event: 'account.generic_updated',
        ...audit,
        detail: {
          changed: Object.keys(input).filter((key) => key !== 'licence' && key !== 'password'),
          passwordReset: passwordHash !== undefined,
          sessionsEnded: ended,
        },
      });
      const [updated] = await genericAccountsOf(tx, scope.dealerId, accountId);
      if (!updated) throw new Error('generic account vanished');
      return updated;
    },
  );
  if (outcome instanceof Refusal)
    return refuseDecided(ctx, now, 'account.generic_update.refused', outcome, audit);
  return outcome;
}
