import type { Handle } from '@sveltejs/kit';
import { appendAudit } from '../audit.js';
import { SESSION_COOKIE, accountForToken } from '../auth/session.service.js';
import type { ServerContext } from '../context.js';
import { MAX_BODY_BYTES, errorResponse } from './responses.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Server hooks: the context (lazily: `vite build` must never open the database), the session,
 * and the checks every API request gets before its route: origin on writes (JSON posts are
 * not covered by SvelteKit's form CSRF check), body size, and JSON errors for the API.
 */
export function createHandle(getServer: () => Promise<ServerContext>): Handle {
  return async ({ event, resolve }) => {
    const path = event.url.pathname;
    const isApi = path === '/api' || path.startsWith('/api/');
    const needsServer = isApi || path.startsWith('/verifier') || path.startsWith('/.well-known/');
    if (!needsServer) return resolve(event);

    let server;
    try {
      server = await getServer();
    } catch (error) {
      console.error('comptoir: server context failed to start', error);
      return errorResponse(503, 'internal_error');
    }
    event.locals.server = server;
    event.locals.account = null;

    if (isApi) {
      if (WRITE_METHODS.has(event.request.method)) {
        const origin = event.request.headers.get('origin');
        const allowed = new Set([server.config.origin, event.url.origin]);
        if (origin !== null && !allowed.has(origin)) {
          const now = server.clock();
          await server.storage.writeTransaction((tx) =>
            appendAudit(tx, now, {
              event: 'request.refused',
              detail: { code: 'forbidden', reason: 'origin', origin: origin.slice(0, 200), path },
            }),
          );
          return errorResponse(403, 'forbidden');
        }
        if (Number(event.request.headers.get('content-length') ?? '0') > MAX_BODY_BYTES) {
          return errorResponse(413, 'payload_too_large');
        }
      }
      try {
        event.locals.account = await accountForToken(server, event.cookies.get(SESSION_COOKIE));
      } catch (error) {
        console.error('comptoir: session lookup failed', error);
        return errorResponse(503, 'internal_error');
      }
    }
    return resolve(event);
  };
}
