import { randomBytes } from 'node:crypto';
import { REAUTH_WINDOW_MINUTES, type ErrorCode } from '@comptoir/shared';
import * as client from 'openid-client';
import { appendAudit } from '../audit.js';
import type { OidcConfig } from '../config.js';
import type { ServerContext } from '../context.js';
import { sha256Hex } from '../hash.js';
import { refusal, refuseDecided } from '../http/authorize.js';
import { fail } from '../http/responses.js';
import { isLocalAddress } from './client-address.js';
import { checkActivation, recordActivation } from './activation.js';
import { noteKioskSignIn } from './kiosk-credential.js';
import { markReauthenticated } from './reauthentication.js';
import {
  loadAccount,
  openSession,
  type NewSession,
  type SessionAccount,
} from './session.service.js';

/*
 * Sign-in through any OpenID Connect provider (docs/domain.md#government-sign-in-openid-connect):
 * authorization code + PKCE
 * with `openid-client`, configured by `OIDC_*`. Accounts link to the provider's subject
 * (`account_identities`); local passwords stay. A flow is kept in the database (so any web
 * process may finish it), used once, and bound to the browser that started it by a cookie
 * (no login CSRF: a stranger's callback URL signs nobody in).
 */

/** The cookie that binds a flow to the browser that started it. */
export const OIDC_BINDING_COOKIE = 'comptoir_oidc';

/** Why a flow is started. */
export type OidcPurpose = 'signin' | 'reauth' | 'link';

const FLOW_MINUTES = 10;

const configurations = new Map<string, Promise<client.Configuration>>();

function requireOidc(ctx: ServerContext): OidcConfig {
  const oidc = ctx.config.oidc;
  if (!oidc) fail(404, 'oidc_not_configured');
  return oidc;
}

/**
 * The provider's configuration from its discovery document, cached per issuer. Plain HTTP is
 * allowed only for a provider on a loopback or private address (tests, a lab), never otherwise.
 */
function providerConfiguration(oidc: OidcConfig): Promise<client.Configuration> {
  const key = `${oidc.issuer}|${oidc.clientId}`;
  let configuration = configurations.get(key);
  if (!configuration) {
    const issuer = new URL(oidc.issuer);
    const isLocalHttp =
      issuer.protocol === 'http:' &&
      (issuer.hostname === 'localhost' || isLocalAddress(issuer.hostname.replace(/^\[|\]$/g, '')));
    configuration = client
      .discovery(
        issuer,
        oidc.clientId,
        oidc.clientSecret,
        undefined,
        isLocalHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        configurations.delete(key);
        throw error;
      });
    configurations.set(key, configuration);
  }
  return configuration;
}

/** Only a path of this site may be returned to (no open redirect). */
export function safeReturnPath(value: string | null | undefined, fallback = '/'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return fallback;
  }
  return value;
}

function callbackUrl(ctx: ServerContext): string {
  return new URL('/api/auth/oidc/callback', ctx.config.origin).toString();
}

/**
 * Starts a flow: records it and answers the provider's authorization URL plus the binding
 * value for the cookie. Re-authentication asks the provider for a fresh sign-in
 * (`prompt=login`, `max_age=0`).
 */
export async function startOidc(
  ctx: ServerContext,
  options: { purpose: OidcPurpose; session: SessionAccount | null; returnTo: string },
): Promise<{ redirectTo: string; binding: string }> {
  const oidc = requireOidc(ctx);
  if (options.purpose !== 'signin' && !options.session?.sessionId) fail(401, 'unauthenticated');
  const configuration = await providerConfiguration(oidc);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const binding = randomBytes(32).toString('base64url');
  const now = ctx.clock();
  await ctx.storage.writeTransaction(async (tx) => {
    // Abandoned flows go with the next start.
    await tx.deleteFrom('oidc_flows').where('expires_at', '<', now.toISOString()).execute();
    await tx
      .insertInto('oidc_flows')
      .values({
        state,
        code_verifier: codeVerifier,
        nonce,
        browser_binding: sha256Hex(binding),
        purpose: options.purpose,
        session_id: options.session?.sessionId ?? null,
        return_to: safeReturnPath(options.returnTo),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + FLOW_MINUTES * 60_000).toISOString(),
      })
      .execute();
  });
  const parameters: Record<string, string> = {
    redirect_uri: callbackUrl(ctx),
    scope: oidc.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  if (options.purpose === 'reauth') {
    parameters.prompt = 'login';
    parameters.max_age = '0';
  }
  return { redirectTo: client.buildAuthorizationUrl(configuration, parameters).href, binding };
}

/** What a finished flow did: a new session (sign-in) or a marked one, and where to go. */
export interface OidcOutcome {
  session?: NewSession;
  returnTo: string;
}

async function refuseFlow(
  ctx: ServerContext,
  now: Date,
  code: ErrorCode,
  detail: Record<string, unknown>,
  actor: string | null = null,
): Promise<never> {
  const status = code === 'oidc_account_unknown' ? 403 : 400;
  return refuseDecided(ctx, now, 'oidc.refused', refusal(status, code), { actor, detail });
}

/**
 * Finishes a flow at the callback: checks state, PKCE, nonce and (re-authentication) the
 * freshness of the provider sign-in, then signs in, links the identity, or marks the session
 * re-authenticated. Every refusal is audited.
 */
export async function finishOidc(
  ctx: ServerContext,
  options: {
    currentUrl: URL;
    binding: string | undefined;
    session: SessionAccount | null;
    request: Request;
    clientAddress: string;
  },
): Promise<OidcOutcome> {
  const oidc = requireOidc(ctx);
  const now = ctx.clock();
  const state = options.currentUrl.searchParams.get('state') ?? '';
  const flow = await ctx.storage.writeTransaction(async (tx) => {
    const row = await tx
      .selectFrom('oidc_flows')
      .selectAll()
      .where('state', '=', state)
      .executeTakeFirst();
    // Used once, whatever happens next.
    if (row) await tx.deleteFrom('oidc_flows').where('state', '=', state).execute();
    return row;
  });
  if (!flow || flow.expires_at <= now.toISOString()) {
    return refuseFlow(ctx, now, 'oidc_failed', { reason: 'unknown_or_expired_state' });
  }
  if (!options.binding || sha256Hex(options.binding) !== flow.browser_binding) {
    return refuseFlow(ctx, now, 'oidc_failed', { reason: 'other_browser' });
  }
  let claims: client.IDToken | undefined;
  try {
    const configuration = await providerConfiguration(oidc);
    const tokens = await client.authorizationCodeGrant(configuration, options.currentUrl, {
      pkceCodeVerifier: flow.code_verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
      ...(flow.purpose === 'reauth' && { maxAge: REAUTH_WINDOW_MINUTES * 60 }),
    });
    claims = tokens.claims();
  } catch (error) {
    return refuseFlow(ctx, now, 'oidc_failed', {
      reason: 'token_exchange',
      error: error instanceof Error ? error.message.slice(0, 200) : 'unknown',
    });
  }
  if (!claims) return refuseFlow(ctx, now, 'oidc_failed', { reason: 'no_id_token' });
  const identity = { issuer: claims.iss, subject: claims.sub };
  const linked = await ctx.storage.db
    .selectFrom('account_identities')
    .select('account_id')
    .where('issuer', '=', identity.issuer)
    .where('subject', '=', identity.subject)
    .executeTakeFirst();
  const returnTo = flow.return_to;

  if (flow.purpose === 'signin') {
    const account = linked ? await loadAccount(ctx, linked.account_id) : null;
    if (!account) return refuseFlow(ctx, now, 'oidc_account_unknown', identity);
    const activation = await checkActivation(ctx, account.id, options.clientAddress, now);
    const session = await ctx.storage.writeTransaction(async (tx) => {
      await recordActivation(tx, now, account.id, activation, options.clientAddress);
      const opened = await openSession(tx, now, {
        accountId: account.id,
        authMethod: 'oidc',
        clientAddress: options.clientAddress,
      });
      await appendAudit(tx, now, {
        event: 'signin.ok',
        actor: account.id,
        subject: account.username,
        detail: { clientAddress: options.clientAddress, method: 'oidc', session: opened.id },
      });
      return opened;
    });
    await noteKioskSignIn(ctx, options.request, account.id, now);
    return { session, returnTo };
  }

  // Re-authentication and linking continue the session that started the flow.
  const session = options.session;
  if (!session?.sessionId || session.sessionId !== flow.session_id) {
    return refuseFlow(ctx, now, 'oidc_failed', { reason: 'session_changed' }, session?.id);
  }
  if (flow.purpose === 'reauth') {
    if (linked?.account_id !== session.id) {
      return refuseFlow(ctx, now, 'oidc_identity_mismatch', identity, session.id);
    }
    await markReauthenticated(ctx, session.sessionId, session.id, now, 'oidc');
    return { returnTo };
  }
  if (linked && linked.account_id !== session.id) {
    return refuseFlow(ctx, now, 'oidc_identity_mismatch', identity, session.id);
  }
  await ctx.storage.writeTransaction(async (tx) => {
    await tx
      .insertInto('account_identities')
      .values({ ...identity, account_id: session.id, linked_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
      .execute();
    await appendAudit(tx, now, {
      event: 'account.oidc_linked',
      actor: session.id,
      subject: identity.subject,
      detail: { issuer: identity.issuer },
    });
  });
  return { returnTo };
}
