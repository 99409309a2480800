import type { MiddlewareHandler } from 'hono';

/**
 * The agent's answers carry pairing codes, job lists and kiosk tokens: none may be framed by
 * another page (clickjacking the admin page's buttons), kept in a cache, or sniffed into
 * another type. The page has no script and only inline styles, so its policy can deny
 * everything else.
 */
const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Sets the security headers on every answer, whoever produced it: a route, a guard's refusal,
 * the 404, the 413 or the error handler. Mount it first so it wraps everything else.
 *
 * @example app.use(securityHeadersOnEveryAnswer())
 */
export function securityHeadersOnEveryAnswer(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(securityHeaders)) c.res.headers.set(name, value);
  };
}
