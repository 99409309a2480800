import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { recordRoute } from './route-record.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One JSON line per request: method, route pattern (`/jobs/:id`, never the path asked for),
 * status, duration and request id (a caller's UUID `X-Request-Id` is kept; the answer carries
 * it). Nothing of the headers or the body: a kiosk token or a document must never be logged.
 */
export function requestLog(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const requestId = given !== undefined && UUID.test(given) ? given : randomUUID();
    await next();
    c.header('x-request-id', requestId);
    log.info(
      {
        requestId,
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
    // The route the path matched, even when a middleware before it answered (a 413, a 401):
    // the last matched entry that is not an every-method middleware. None: not an API route.
    const route = matchedRoutes(c)
      .filter((entry) => entry.method !== 'ALL')
      .at(-1)?.path;
    if (route !== undefined) recordRoute(c.req.method, route, c.res.status);
  };
}
