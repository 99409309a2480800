import type { Handle } from '@sveltejs/kit';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { recordRoute } from './route-record.js';

/** The header a request id travels in, both ways (a proxy's own id is kept when it is a UUID). */
export const REQUEST_ID_HEADER = 'x-request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One JSON line per request: method, route pattern, status, duration, request id. The route is
 * SvelteKit's route id (`/api/history/[vin]`), never the path that was asked for: a path or a
 * query names vehicles, licences and documents. The request id is echoed in the answer, so a
 * person reporting a problem can quote it.
 */
export function createRequestLog(log: Logger): Handle {
  return async ({ event, resolve }) => {
    const started = performance.now();
    const given = event.request.headers.get(REQUEST_ID_HEADER);
    const requestId = given !== null && UUID.test(given) ? given : randomUUID();
    const line = (status: number) => ({
      requestId,
      method: event.request.method,
      route: event.route.id ?? 'unmatched',
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
    try {
      const response = await resolve(event);
      try {
        response.headers.set(REQUEST_ID_HEADER, requestId);
      } catch {
        // A response with immutable headers (a fetched one passed through) goes without.
      }
      // A healthy answer to a health probe (each visible kiosk every few seconds, a load
      // balancer) says nothing worth keeping: debug level. A failing one is still logged.
      const isQuietProbe = event.route.id === '/api/health' && response.ok;
      log[isQuietProbe ? 'debug' : 'info'](line(response.status), 'request');
      recordRoute(event.request.method, event.route.id, response.status);
      return response;
    } catch (error) {
      log.error({ ...line(500), err: error }, 'request');
      throw error;
    }
  };
}
