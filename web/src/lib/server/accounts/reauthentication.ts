import {
  REAUTH_WINDOW_MINUTES,
  fromZodError,
  needsReauthentication,
  reauthenticateRequestSchema,
  type Reauthentication,
} from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { HttpError, fail } from '../http/responses.js';
import { verifyPassword } from './password.js';
import { reserveOrRefuse } from './sign-in.service.js';
import type { SessionAccount } from './session.service.js';
import { releaseAfterSuccess, throttleKeys } from './signin-throttle.js';

/**
 * True when the person proved who they are within the last {@link REAUTH_WINDOW_MINUTES}
 * minutes in this session (docs/domain.md#re-authentication-for-sensitive-actions, ASVS 7.5):
 * sensitive actions (bank account, staff actions) check it and otherwise answer 403
 * `reauthentication_required`.
 */
export function hasFreshReauthentication(actor: SessionAccount, now: Date): boolean {
  return (
    actor.reauthenticatedAt !== null &&
    !needsReauthentication(new Date(actor.reauthenticatedAt), now)
  );
}

/** Marks the session freshly re-authenticated (after a password or a fresh provider sign-in). */
export async function markReauthenticated(
  ctx: ServerContext,
  sessionId: string,
  accountId: string,
  now: Date,
  method: 'password' | 'oidc',
): Promise<Reauthentication> {
  await ctx.storage.writeTransaction(async (tx) => {
    await tx
      .updateTable('account_sessions')
      .set({ reauthenticated_at: now.toISOString(), last_activity_at: now.toISOString() })
      .where('id', '=', sessionId)
      .execute();
    await appendAudit(tx, now, {
      event: 'reauth.ok',
      actor: accountId,
      subject: sessionId,
      detail: { method },
    });
  });
  return {
    reauthenticatedAt: now.toISOString(),
    validUntil: new Date(now.getTime() + REAUTH_WINDOW_MINUTES * 60_000).toISOString(),
  };
}

/**
 * `POST /api/auth/reauthenticate` with `{ password }`: checks the signed-in account's password
 * again. Failures count against the account's sign-in limits (a stolen session must not become
 * a password oracle) and are audited.
 */
export async function reauthenticateWithPassword(
  ctx: ServerContext,
  actor: SessionAccount,
  body: unknown,
  clientAddress: string,
): Promise<Reauthentication> {
  const parsed = reauthenticateRequestSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  if (!actor.sessionId) fail(401, 'unauthenticated');
  const now = ctx.clock();
  const keys = throttleKeys(actor.username, clientAddress);
  await reserveOrRefuse(ctx, keys, now, {
    subject: actor.username,
    actor: actor.id,
    clientAddress,
  });
  const row = await ctx.storage.db
    .selectFrom('accounts')
    .select('password_hash')
    .where('id', '=', actor.id)
    .executeTakeFirst();
  if (!(await verifyPassword(row?.password_hash, parsed.data.password))) {
    await ctx.storage.writeTransaction(async (tx) => {
      await appendAudit(tx, now, {
        event: 'reauth.failed',
        actor: actor.id,
        subject: actor.sessionId ?? null,
        detail: { code: 'invalid_credentials', clientAddress },
      });
    });
    // 403, not 401: the session itself is still valid, the kiosk must not sign the person out.
    fail(403, 'invalid_credentials');
  }
  await releaseAfterSuccess(ctx.storage.db, keys);
  return markReauthenticated(ctx, actor.sessionId, actor.id, now, 'password');
}
