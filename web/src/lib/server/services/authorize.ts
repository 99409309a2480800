import { can, type Action } from '@comptoir/shared';
import type { SessionAccount } from '../auth/session.service.js';

/**
 * True when the account may perform `action` under `licence`: it must act for the licence,
 * and its role there must allow the action (shared permission matrix).
 */
export function authorizeLicence(actor: SessionAccount, licence: string, action: Action): boolean {
  const membership = actor.licences.find((entry) => entry.licence === licence);
  return membership !== undefined && can(membership.role, action);
}
