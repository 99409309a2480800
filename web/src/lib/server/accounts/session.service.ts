import { randomBytes } from 'node:crypto';
import {
  BACKGROUND_REQUEST_HEADER,
  SESSION_ABSOLUTE_HOURS,
  accountKinds,
  addressSchema,
  type Address,
  idleLockMinutes,
  isIdleExpired,
  newId,
  roles,
  type Role,
  type SessionInfo,
} from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import type { Tx } from '../db/engine.js';
import { sha256Hex } from '../hash.js';

/** The session cookie's name (contract with the kiosk). */
export const SESSION_COOKIE = 'comptoir_session';

/**
 * The request header by which the kiosk marks background sync (push, pull): such a request
 * never counts as the person's activity, so an unattended kiosk still locks when idle. One
 * name with the kiosk (shared); headers are read case-insensitively.
 */
export const BACKGROUND_HEADER = BACKGROUND_REQUEST_HEADER;

/** Activity is written at most this often per session (a write per request would be waste). */
const ACTIVITY_WRITE_INTERVAL_MS = 15_000;

/** How an account proved who it is. */
export type AuthMethod = 'password' | 'oidc';

/** A licence the signed-in account may act for. */
export interface SessionLicence {
  licence: string;
  role: Role;
  dealerName: string;
  neq: string;
  accredited: boolean;
  /** Suspended by the authority's staff (the kiosk disables the issuing services). */
  isSuspended?: boolean;
  /** The licence's address on file (where X plates are mailed), when there is one. */
  address?: Address;
}

/** The signed-in account, as routes and services see it. */
export interface SessionAccount {
  id: string;
  username: string;
  displayName: string;
  kind: (typeof accountKinds)[number];
  /** The account's own role (staff); dealer roles are per licence in `licences`. */
  role: Role;
  licences: SessionLicence[];
  /** The session's public id (absent when the account was loaded outside a session). */
  sessionId?: string;
  /** When the person last proved who they are in this session (sign-in or re-authentication). */
  reauthenticatedAt: string | null;
  /** How this session signed in. */
  authMethod?: AuthMethod;
  /** The session's idle timeout in minutes. */
  idleMinutes?: number;
}

function asRole(value: string): Role {
  const role = roles.find((candidate) => candidate === value);
  if (!role) throw new Error(`unknown role in database: ${value}`);
  return role;
}

function asKind(value: string): SessionAccount['kind'] {
  return accountKinds.find((candidate) => candidate === value) ?? 'personal';
}

function asAuthMethod(value: string): AuthMethod {
  return value === 'oidc' ? 'oidc' : 'password';
}

/** A new session row's token (for the cookie only: the database keeps its hash). */
export interface NewSession {
  id: string;
  token: string;
  expiresAt: Date;
}

/**
 * Opens a session for an account that just proved who it is, inside the caller's transaction.
 * It ends 12 hours later whatever happens, or after `idleMinutes` without activity.
 */
export async function openSession(
  tx: Tx,
  now: Date,
  options: {
    accountId: string;
    authMethod: AuthMethod;
    clientAddress: string;
    idleMinutes?: number | undefined;
  },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const id = newId();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_HOURS * 3600_000);
  await tx
    .insertInto('account_sessions')
    .values({
      id,
      token_hash: sha256Hex(token),
      account_id: options.accountId,
      created_at: now.toISOString(),
      last_activity_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      idle_minutes: idleLockMinutes(options.idleMinutes),
      reauthenticated_at: now.toISOString(),
      auth_method: options.authMethod,
      client_address: options.clientAddress.slice(0, 64),
    })
    .execute();
  return { id, token, expiresAt };
}

/**
 * The account behind a session token, or null when absent, unknown, past its absolute end,
 * idle too long, or its account disabled. An idle or expired session is deleted there and
 * then (audited), so it can never come back. A request that is not background sync counts
 * as activity.
 */
export async function accountForToken(
  ctx: ServerContext,
  token: string | undefined,
  options: { isBackground?: boolean } = {},
): Promise<SessionAccount | null> {
  if (!token) return null;
  const { db } = ctx.storage;
  const row = await db
    .selectFrom('account_sessions')
    .selectAll()
    .where('token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row) return null;
  const now = ctx.clock();
  const isExpired = row.expires_at <= now.toISOString();
  if (isExpired || isIdleExpired(new Date(row.last_activity_at), now, row.idle_minutes)) {
    await ctx.storage.writeTransaction(async (tx) => {
      const deleted = await tx
        .deleteFrom('account_sessions')
        .where('id', '=', row.id)
        .executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return;
      await appendAudit(tx, now, {
        event: isExpired ? 'session.expired' : 'session.idle_timeout',
        actor: row.account_id,
        subject: row.id,
      });
    });
    return null;
  }
  const account = await loadAccount(ctx, row.account_id);
  if (!account) return null;
  if (
    !options.isBackground &&
    now.getTime() - new Date(row.last_activity_at).getTime() >= ACTIVITY_WRITE_INTERVAL_MS
  ) {
    await db
      .updateTable('account_sessions')
      .set({ last_activity_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  return {
    ...account,
    sessionId: row.id,
    reauthenticatedAt: row.reauthenticated_at,
    authMethod: asAuthMethod(row.auth_method),
    idleMinutes: row.idle_minutes,
  };
}

/** A licence's address on file as the session carries it (nothing when none, or unreadable). */
function addressOnFile(json: string | null): { address?: Address } {
  if (json === null) return {};
  const parsed = addressSchema.safeParse(JSON.parse(json));
  return parsed.success ? { address: parsed.data } : {};
}

/** Loads an account with the licences it may act for (null when unknown or disabled). */
export async function loadAccount(
  ctx: ServerContext,
  accountId: string,
): Promise<SessionAccount | null> {
  const { db } = ctx.storage;
  const account = await db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account || account.is_disabled) return null;
  const licences = await db
    .selectFrom('account_licences as al')
    .innerJoin('licences as l', 'l.number', 'al.licence')
    .innerJoin('dealers as d', 'd.id', 'l.dealer_id')
    .select([
      'al.licence',
      'al.role',
      'd.name',
      'd.neq',
      'd.is_accredited',
      'l.is_suspended',
      'l.address_json',
    ])
    .where('al.account_id', '=', accountId)
    .orderBy('al.licence')
    .execute();
  return {
    id: account.id,
    username: account.username,
    displayName: account.display_name,
    kind: asKind(account.kind),
    role: asRole(account.role),
    licences: licences.map((row) => ({
      licence: row.licence,
      role: asRole(row.role),
      dealerName: row.name,
      neq: row.neq,
      accredited: row.is_accredited === 1,
      isSuspended: row.is_suspended === 1,
      ...addressOnFile(row.address_json),
    })),
    reauthenticatedAt: null,
  };
}

/** Ends a session by its token (idempotent: an unknown token is already signed out); audited. */
export async function logout(ctx: ServerContext, token: string | undefined): Promise<void> {
  if (!token) return;
  const now = ctx.clock();
  await ctx.storage.writeTransaction(async (tx) => {
    const row = await tx
      .deleteFrom('account_sessions')
      .where('token_hash', '=', sha256Hex(token))
      .returning(['id', 'account_id'])
      .executeTakeFirst();
    if (row) {
      await appendAudit(tx, now, { event: 'signout', actor: row.account_id, subject: row.id });
    }
  });
}

/** Ends every session of an account at once (disabled, password reset), inside `tx`. */
export async function endSessionsOf(tx: Tx, accountId: string): Promise<number> {
  const result = await tx
    .deleteFrom('account_sessions')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The SessionInfo body the kiosk reads. */
export function sessionInfo(ctx: ServerContext, account: SessionAccount): SessionInfo {
  return {
    account: {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      kind: account.kind,
    },
    licences: account.licences.map((licence) => ({ ...licence })),
    idleLockMinutes: account.idleMinutes ?? idleLockMinutes(),
    serverTime: ctx.clock().toISOString(),
    reauthenticatedAt: account.reauthenticatedAt,
    authMethod: account.authMethod ?? 'password',
  };
}
