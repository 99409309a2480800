import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { clientAddressOf } from '../accounts/client-address.js';
import { RetryLaterError } from '../accounts/retry-later.js';
import type { SessionAccount } from '../accounts/session.service.js';
import { SESSION_COOKIE } from '../accounts/session.service.js';
import { errorResponse, fail, handleApi } from './responses.js';

/** The signed-in account, or 401 unauthenticated. */
export function requireAccount(locals: App.Locals): SessionAccount {
  if (!locals.account) fail(401, 'unauthenticated');
  return locals.account;
}

/** Query parameters as a plain record (the shared query schemas parse it). */
export function queryRecord(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

/**
 * The client's address: the socket peer, or behind a trusted reverse proxy
 * (`COMPTOIR_TRUST_PROXY=1`) the address it forwarded.
 */
export function clientAddress(
  event: Pick<RequestEvent, 'request' | 'getClientAddress' | 'locals'>,
): string {
  return clientAddressOf(
    event.request,
    event.getClientAddress(),
    event.locals.server.config.trustProxy,
  );
}

/**
 * Sets the session cookie: HttpOnly (no script reads it), SameSite=Lax (sent on a top-level
 * navigation back from the identity provider, never on cross-site writes), Secure under HTTPS.
 */
export function setSessionCookie(
  cookies: Cookies,
  origin: string,
  token: string,
  expires: Date,
): void {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: origin.startsWith('https:'),
    expires,
  });
}

/** {@link handleApi}, plus `Retry-After` on a throttled sign-in's 429. */
export function handleAuthApi(work: () => Promise<Response>): Promise<Response> {
  return handleApi(async () => {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof RetryLaterError)) throw error;
      const response = errorResponse(error.status, error.body);
      response.headers.set('retry-after', String(error.retryAfterSeconds));
      return response;
    }
  });
}
