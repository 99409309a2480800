import {
  apiError,
  fieldError,
  isWithinOfflineWindow,
  OFFLINE_WINDOW_HOURS,
  type Command,
} from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { KioskIdentity } from '../accounts/kiosk-credential.js';
import { loadAccount, type SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import { kioskSignInsSince } from '../registry/kiosk-sign-ins.repo.js';
import { BatchRefusal } from './batch-refusal.js';
import { claimedAccountId, type PreparedOp } from './intake.js';

/**
 * Who sends commands: a person's session, an enrolled kiosk (its device credential), or both.
 * Without a kiosk, every command must be the session's person's. With one, each command's
 * actor is judged on its own (see {@link authorizeKioskActors}).
 */
export interface CommandSender {
  session: SessionAccount | null;
  kiosk: KioskIdentity | null;
}

/** How far ahead of the server's clock a kiosk's `createdAt` may be (clock drift). */
export const CREATED_AT_SKEW_MS = 5 * 60_000;

/**
 * Without a kiosk credential, another person's commands stay waiting on the kiosk: the whole
 * submission is refused (`actor_not_session`, audited) and nothing is applied.
 */
export async function refuseForeignActors(
  server: ServerContext,
  session: SessionAccount,
  ops: readonly unknown[],
  ids: readonly string[],
  pathOf: (index: number) => string,
): Promise<void> {
  const foreign = ops.flatMap((op, index) => {
    const claimed = claimedAccountId(op);
    return claimed !== undefined && claimed !== session.id ? [index] : [];
  });
  if (foreign.length === 0) return;
  const error = apiError(
    'actor_not_session',
    foreign.map((index) => fieldError(pathOf(index) + 'actor', 'actor_not_session')),
  );
  const now = server.clock();
  await server.storage.writeTransaction((tx) =>
    appendAudit(tx, now, {
      event: 'push.refused',
      actor: session.id,
      detail: { code: error.code, commandIds: foreign.map((index) => ids[index]) },
    }),
  );
  throw new BatchRefusal('forbidden', error);
}

/**
 * Who each command of an enrolled kiosk's push acts as (docs/sync.md, "Who may push what").
 * The person signed in on the kiosk right now acts under their session. Anyone else must have
 * signed in online on THAT kiosk within the offline window before the command's `createdAt`
 * (which may not be ahead of the server's clock beyond a small drift), and their account must
 * be enabled now; their current rights are then checked like anyone's. A command that fails is
 * rejected on its own (stored, audited), never dropped. Reads only, before the transaction.
 */
export async function authorizeKioskActors(
  server: ServerContext,
  kiosk: KioskIdentity,
  session: SessionAccount | null,
  prepared: PreparedOp[],
  now: Date,
): Promise<void> {
  const others: { op: PreparedOp; command: Command }[] = [];
  for (const op of prepared) {
    if (!op.command) continue;
    if (session && op.command.actor.accountId === session.id) op.actor = session;
    else others.push({ op, command: op.command });
  }
  if (others.length === 0) return;

  const accountIds = [...new Set(others.map(({ command }) => command.actor.accountId))];
  const accounts = new Map<string, SessionAccount | null>();
  for (const accountId of accountIds) accounts.set(accountId, await loadAccount(server, accountId));
  const earliest = Math.min(...others.map(({ command }) => Date.parse(command.createdAt)));
  const windowMs = OFFLINE_WINDOW_HOURS * 3_600_000;
  const signIns = await kioskSignInsSince(
    server.storage.db,
    kiosk.id,
    accountIds,
    new Date(earliest - windowMs),
  );

  for (const { op, command } of others) {
    const createdAt = new Date(command.createdAt);
    const account = accounts.get(command.actor.accountId);
    if (createdAt.getTime() > now.getTime() + CREATED_AT_SKEW_MS) {
      op.actorRefusal = apiError('created_at_in_future', [
        fieldError('createdAt', 'created_at_in_future'),
      ]);
    } else if (!account) {
      op.actorRefusal = apiError('actor_account_disabled', [
        fieldError('actor.accountId', 'actor_account_disabled'),
      ]);
    } else if (
      !signIns.some(
        (row) => row.accountId === account.id && isWithinOfflineWindow(row.signedInAt, createdAt),
      )
    ) {
      op.actorRefusal = apiError('actor_outside_offline_window', [
        fieldError('actor', 'actor_outside_offline_window'),
      ]);
    } else {
      op.actor = account;
    }
  }
}
