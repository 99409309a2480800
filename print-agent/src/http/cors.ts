import type { MiddlewareHandler } from 'hono';
import { apiError } from '@comptoir/shared';

/**
 * CORS for the allow-listed origins only (the server's origin by default), plus the agent's
 * own origin (its admin page). A request from any other page is refused outright, not merely
 * left unreadable: a simple cross-site POST must not reach the printer either.
 *
 * Preflights also answer Private Network Access (`Access-Control-Request-Private-Network`),
 * which Chromium sent before 142. Its successor, Local Network Access (Chromium 142+), is a
 * permission the kiosk gets by policy and adds no response header: nothing more to answer.
 */
export function allowListCors(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins.map((origin) => new URL(origin).origin));
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined) return next();
    const isOwnOrigin = origin === new URL(c.req.url).origin;
    if (!allowed.has(origin) && !isOwnOrigin) {
      return c.json(apiError('origin_not_allowed'), 403);
    }
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin');
    if (c.req.method !== 'OPTIONS') return next();
    c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    c.header('Access-Control-Allow-Headers', 'authorization, content-type');
    c.header('Access-Control-Max-Age', '600');
    if (c.req.header('access-control-request-private-network') === 'true') {
      c.header('Access-Control-Allow-Private-Network', 'true');
    }
    return c.body(null, 204);
  };
}
