import { fromZodError, loginRequestSchema, type SessionInfo } from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { HttpError, fail } from '../http/responses.js';
import { checkActivation, recordActivation } from './activation.js';
import { noteKioskSignIn } from './kiosk-credential.js';
import { verifyPassword } from './password.js';
import { RetryLaterError } from './retry-later.js';
import { loadAccount, openSession, sessionInfo, type NewSession } from './session.service.js';
import { createFloodGuard, type FloodGuard } from '../http/flood-guard.js';
import { tallyRefusal } from '../http/refusal-tally.js';
import { kioskForRequest } from './kiosk-credential.js';
import { releaseAfterSuccess, reserveAttempt, throttleKeys } from './signin-throttle.js';

/** Where a sign-in comes from. */
export interface SignInOrigin {
  /** The request (its kiosk credential header, if any, records a kiosk sign-in). */
  request: Request;
  clientAddress: string;
}

/** Attempts on sign-in, re-authentication and sign-up per address per minute, per process. */
const AUTH_FLOOD_LIMIT = 300;
const floodGuards = new WeakMap<ServerContext, FloodGuard>();

function floodGuardOf(ctx: ServerContext): FloodGuard {
  let guard = floodGuards.get(ctx);
  if (!guard) {
    guard = createFloodGuard({ limit: AUTH_FLOOD_LIMIT, windowMs: 60_000 });
    floodGuards.set(ctx, guard);
  }
  return guard;
}

/**
 * Reserves one attempt on each of `keys` BEFORE the secret is checked (see
 * ./signin-throttle.ts), or refuses it with 429 and `Retry-After` (audited, aggregated). A
 * flood from one address is refused first by a per-process count, before any database write.
 * Shared by password sign-in, re-authentication and employee sign-up.
 */
export async function reserveOrRefuse(
  ctx: ServerContext,
  keys: readonly string[],
  now: Date,
  audit: { subject: string; actor?: string; clientAddress: string },
): Promise<void> {
  const guard = floodGuardOf(ctx);
  const waitMs = guard.admit(audit.clientAddress, now.getTime())
    ? await reserveAttempt(ctx.storage.db, keys, now)
    : guard.retryAfterMs(now.getTime());
  if (waitMs <= 0) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  await tallyRefusal(ctx, {
    event: 'signin.rate_limited',
    actor: audit.actor ?? null,
    subject: audit.subject,
    clientAddress: audit.clientAddress,
    detail: { code: 'rate_limited', retryAfterSeconds },
  });
  throw new RetryLaterError(retryAfterSeconds);
}

/**
 * Signs in with a username and password. Success: a new session and its info. Failure: 401
 * `invalid_credentials` (unknown user, wrong password and disabled account alike, so nothing
 * is revealed), 429 when throttled, 403 `activation_country` for a first sign-in from outside
 * Canada and the United States; every outcome audited.
 */
export async function signInWithPassword(
  ctx: ServerContext,
  body: unknown,
  origin: SignInOrigin,
): Promise<{ session: NewSession; info: SessionInfo }> {
  const parsed = loginRequestSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  const { username, password, idleMinutes } = parsed.data;
  const { clientAddress } = origin;
  const now = ctx.clock();
  const kiosk = await kioskForRequest(ctx, origin.request);
  const keys = throttleKeys(
    username,
    clientAddress,
    kiosk.kind === 'valid' ? kiosk.kiosk.id : undefined,
  );
  const { storage } = ctx;
  await reserveOrRefuse(ctx, keys, now, { subject: username, clientAddress });

  const account = await storage.db
    .selectFrom('accounts')
    .select(['id', 'password_hash', 'is_disabled'])
    .where('username', '=', username)
    .executeTakeFirst();
  const isValid = await verifyPassword(account?.password_hash, password);
  if (!account || !isValid || account.is_disabled) {
    await storage.writeTransaction(async (tx) => {
      await appendAudit(tx, now, {
        event: 'signin.failed',
        actor: account?.id ?? null,
        subject: username,
        detail: { clientAddress, ...(account?.is_disabled && { reason: 'disabled' }) },
      });
    });
    fail(401, 'invalid_credentials');
  }

  const activation = await checkActivation(ctx, account.id, clientAddress, now);
  await releaseAfterSuccess(storage.db, keys);
  const session = await storage.writeTransaction(async (tx) => {
    await recordActivation(tx, now, account.id, activation, clientAddress);
    const opened = await openSession(tx, now, {
      accountId: account.id,
      authMethod: 'password',
      clientAddress,
      idleMinutes,
    });
    await appendAudit(tx, now, {
      event: 'signin.ok',
      actor: account.id,
      subject: username,
      detail: { clientAddress, method: 'password', session: opened.id },
    });
    return opened;
  });
  await noteKioskSignIn(ctx, origin.request, account.id, now);
  const loaded = await loadAccount(ctx, account.id);
  if (!loaded) throw new Error('account vanished during sign-in');
  return {
    session,
    info: sessionInfo(ctx, {
      ...loaded,
      sessionId: session.id,
      reauthenticatedAt: now.toISOString(),
      authMethod: 'password',
      idleMinutes: idleMinutes ?? undefined,
    }),
  };
}
