import { uuidv7Schema, type SessionSummary } from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { refuse, requireAdministration } from '../http/authorize.js';
import { licenceOfQuery } from '../http/request-input.js';
import type { SessionAccount } from './session.service.js';

/*
 * An administrator sees and ends the open sessions of the accounts acting for one of their
 * licences (action `sessions.manage`): a shared kiosk left signed in can be closed from the
 * office.
 */

/** `GET /api/sessions?licence=`: open sessions of the licence's accounts, newest first. */
export async function listSessions(
  ctx: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<{ sessions: SessionSummary[] }> {
  const licence = licenceOfQuery(query);
  await requireAdministration(ctx, actor, licence, 'sessions.manage', { route: 'sessions.list' });
  const now = ctx.clock().toISOString();
  const rows = await ctx.storage.db
    .selectFrom('account_sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .innerJoin('account_licences as al', 'al.account_id', 's.account_id')
    .select([
      's.id',
      's.account_id',
      'a.username',
      'a.display_name',
      's.created_at',
      's.last_activity_at',
      's.expires_at',
      's.client_address',
    ])
    .where('al.licence', '=', licence)
    .where('s.expires_at', '>', now)
    .orderBy('s.created_at', 'desc')
    .execute();
  return {
    sessions: rows.map((row) => ({
      id: row.id,
      accountId: row.account_id,
      username: row.username,
      displayName: row.display_name,
      createdAt: row.created_at,
      lastActivityAt: row.last_activity_at,
      expiresAt: row.expires_at,
      clientAddress: row.client_address,
      isCurrent: row.id === actor.sessionId,
    })),
  };
}

/**
 * `DELETE /api/sessions/[id]?licence=`: ends a session of an account acting for the licence,
 * at once (audited). Another dealer's session is `not_found`, audited as a refusal.
 */
export async function endSession(
  ctx: ServerContext,
  actor: SessionAccount,
  sessionId: string,
  query: Record<string, string>,
): Promise<void> {
  const licence = licenceOfQuery(query);
  await requireAdministration(ctx, actor, licence, 'sessions.manage', { route: 'sessions.end' });
  const now = ctx.clock();
  const isValidId = uuidv7Schema.safeParse(sessionId).success;
  const ended = await ctx.storage.writeTransaction(async (tx) => {
    if (!isValidId) return null;
    const target = await tx
      .selectFrom('account_sessions as s')
      .innerJoin('account_licences as al', 'al.account_id', 's.account_id')
      .select(['s.id', 's.account_id'])
      .where('s.id', '=', sessionId)
      .where('al.licence', '=', licence)
      .executeTakeFirst();
    if (!target) return null;
    await tx.deleteFrom('account_sessions').where('id', '=', target.id).execute();
    await appendAudit(tx, now, {
      event: 'session.ended_by_administrator',
      actor: actor.id,
      licence,
      subject: target.id,
      detail: { account: target.account_id },
    });
    return target;
  });
  if (!ended) {
    await refuse(ctx, actor, 404, 'not_found', { route: 'sessions.end', licence, sessionId });
  }
}
