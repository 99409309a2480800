import { can, type Action, type ErrorCode } from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import { fail } from './responses.js';

/**
 * True when the account may perform `action` under `licence`: it must act for the licence,
 * and its role there must allow the action (shared permission matrix).
 */
export function authorizeLicence(actor: SessionAccount, licence: string, action: Action): boolean {
  const membership = actor.licences.find((entry) => entry.licence === licence);
  return membership !== undefined && can(membership.role, action);
}

/**
 * Refuses a request: audits the refusal (system chain: the request may name a licence the
 * actor has nothing to do with) and ends it with the given status and code.
 */
export async function refuse(
  server: ServerContext,
  actor: SessionAccount,
  status: number,
  code: ErrorCode,
  detail: Record<string, unknown>,
): Promise<never> {
  const now = server.clock();
  await server.storage.writeTransaction((tx) =>
    appendAudit(tx, now, {
      event: 'request.refused',
      actor: actor.id,
      detail: { code, ...detail },
    }),
  );
  fail(status, code);
}
