import { randomBytes } from 'node:crypto';
import {
  IDLE_LOCK_DEFAULT_MINUTES,
  OFFLINE_WINDOW_HOURS,
  accountKinds,
  fromZodError,
  loginRequestSchema,
  roles,
  type Role,
  type SessionInfo,
} from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { sha256Hex } from '../hash.js';
import { HttpError, fail } from '../http/responses.js';
import { verifyPassword } from './password.js';

/** The session cookie's name (contract with the kiosk). */
export const SESSION_COOKIE = 'comptoir_session';

/** Sessions last the offline window: a kiosk may queue work that long under one sign-in. */
const SESSION_HOURS = OFFLINE_WINDOW_HOURS;

/** A licence the signed-in account may act for. */
export interface SessionLicence {
  licence: string;
  role: Role;
  dealerName: string;
  neq: string;
  accredited: boolean;
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
}

function asRole(value: string): Role {
  const role = roles.find((candidate) => candidate === value);
  if (!role) throw new Error(`unknown role in database: ${value}`);
  return role;
}

function asKind(value: string): SessionAccount['kind'] {
  return accountKinds.find((candidate) => candidate === value) ?? 'personal';
}

/**
 * Checks a username and password. Success: a new session (token for the cookie) and the
 * session info. Failure: 401 invalid_credentials (or 429 rate_limited), always audited.
 */
export async function login(
  ctx: ServerContext,
  body: unknown,
  clientAddress: string,
): Promise<{ token: string; expiresAt: Date; info: SessionInfo }> {
  const parsed = loginRequestSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  const { username, password } = parsed.data;
  const now = ctx.clock();
  const keys = [`user:${username.toLowerCase()}`, `addr:${clientAddress}`];
  const { storage, loginFailures: failures } = ctx;

  if (keys.some((key) => failures.isBlocked(key, now))) {
    await storage.writeTransaction((tx) =>
      appendAudit(tx, now, {
        event: 'signin.rate_limited',
        subject: username,
        detail: { clientAddress },
      }),
    );
    fail(429, 'rate_limited');
  }

  const account = await storage.db
    .selectFrom('accounts')
    .select(['id', 'password_hash', 'is_disabled'])
    .where('username', '=', username)
    .executeTakeFirst();
  const isValid = await verifyPassword(account?.password_hash, password);
  if (!account || !isValid || account.is_disabled) {
    for (const key of keys) failures.recordFailure(key, now);
    await storage.writeTransaction((tx) =>
      appendAudit(tx, now, {
        event: 'signin.failed',
        subject: username,
        detail: { clientAddress },
      }),
    );
    fail(401, 'invalid_credentials');
  }
  for (const key of keys) failures.reset(key);

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600 * 1000);
  await storage.writeTransaction(async (tx) => {
    await tx
      .insertInto('sessions')
      .values({
        token_hash: sha256Hex(token),
        account_id: account.id,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .execute();
    await appendAudit(tx, now, {
      event: 'signin.ok',
      actor: account.id,
      subject: username,
      detail: { clientAddress },
    });
  });
  const session = await loadAccount(ctx, account.id);
  if (!session) throw new Error('account vanished during sign-in');
  return { token, expiresAt, info: sessionInfo(ctx, session) };
}

/** The account behind a session token, or null when absent, unknown, expired or disabled. */
export async function accountForToken(
  ctx: ServerContext,
  token: string | undefined,
): Promise<SessionAccount | null> {
  if (!token) return null;
  const row = await ctx.storage.db
    .selectFrom('sessions')
    .select(['account_id', 'expires_at'])
    .where('token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= ctx.clock().toISOString()) return null;
  return loadAccount(ctx, row.account_id);
}

/** Loads an account with the licences it may act for. */
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
    .select(['al.licence', 'al.role', 'd.name', 'd.neq', 'd.is_accredited'])
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
    })),
  };
}

/** Ends a session (idempotent: an unknown token is already signed out). */
export async function logout(ctx: ServerContext, token: string | undefined): Promise<void> {
  if (!token) return;
  await ctx.storage.writeTransaction(async (tx) => {
    await tx.deleteFrom('sessions').where('token_hash', '=', sha256Hex(token)).execute();
  });
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
    idleLockMinutes: IDLE_LOCK_DEFAULT_MINUTES,
    serverTime: ctx.clock().toISOString(),
  };
}
