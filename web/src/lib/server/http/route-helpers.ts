import type { Cookies } from '@sveltejs/kit';
import type { SessionAccount } from '../auth/session.service.js';
import { SESSION_COOKIE } from '../auth/session.service.js';
import { fail } from './responses.js';

/** The signed-in account, or 401 unauthenticated. */
export function requireAccount(locals: App.Locals): SessionAccount {
  if (!locals.account) fail(401, 'unauthenticated');
  return locals.account;
}

/** Query parameters as a plain record (the shared query schemas parse it). */
export function queryRecord(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

/** Sets the session cookie: HttpOnly, SameSite=Strict, Secure when the origin is https. */
export function setSessionCookie(
  cookies: Cookies,
  origin: string,
  token: string,
  expires: Date,
): void {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: origin.startsWith('https:'),
    expires,
  });
}
