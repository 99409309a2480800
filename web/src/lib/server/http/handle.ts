import type { Handle, RequestEvent } from '@sveltejs/kit';
import type { ErrorCode } from '@comptoir/shared';
import { BACKGROUND_HEADER, SESSION_COOKIE, accountForToken } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import { clientAddressOf } from '../accounts/client-address.js';
import { tallyRefusal } from './refusal-tally.js';
import { MAX_BODY_BYTES, discardRest, errorResponse } from './responses.js';
import { logger } from '../log/logger.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `Sec-Fetch-Site` values a write may carry: our own pages, or no page at all (a typed URL). */
const SAME_ORIGIN_FETCH_SITES = new Set(['same-origin', 'none']);

/**
 * Why a write to the API is refused before its route, or null. Cross-site writes are refused
 * whatever their form: SvelteKit's own origin check covers only form posts, and a
 * `text/plain` post from another site is a "simple request" no CORS preflight stops. So a
 * write must come from our origin (`Origin`, and `Sec-Fetch-Site` where the browser sends it),
 * and any body it has must be JSON.
 */
function writeRefusal(
  request: Request,
  allowedOrigins: ReadonlySet<string>,
): { status: number; code: ErrorCode; reason: string } | null {
  const origin = request.headers.get('origin');
  if (origin !== null && !allowedOrigins.has(origin)) {
    return { status: 403, code: 'cross_site_refused', reason: 'origin' };
  }
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite !== null && !SAME_ORIGIN_FETCH_SITES.has(fetchSite)) {
    return { status: 403, code: 'cross_site_refused', reason: 'sec-fetch-site' };
  }
  const contentType = request.headers.get('content-type');
  const hasBody = contentType !== null || Number(request.headers.get('content-length') ?? '0') > 0;
  if (hasBody && !/^application\/json\s*(;|$)/i.test(contentType ?? '')) {
    return { status: 415, code: 'json_required', reason: 'content-type' };
  }
  return null;
}

/**
 * Headers every response that passes through the hooks gets: no framing (clickjacking), no
 * MIME sniffing, no referrer leaving the site, HSTS under HTTPS, and `no-store` on API answers
 * (they carry personal data; shared kiosks must not keep them in the HTTP cache).
 */
function secureHeaders(response: Response, event: RequestEvent, isApi: boolean, isHttps: boolean) {
  const headers = response.headers;
  const set = (name: string, value: string) => {
    if (!headers.has(name)) headers.set(name, value);
  };
  try {
    set('x-content-type-options', 'nosniff');
    set('referrer-policy', 'same-origin');
    set('x-frame-options', 'DENY');
    if (isHttps) set('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (isApi) {
      set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
      if (!event.url.pathname.startsWith('/api/health')) set('cache-control', 'no-store');
    }
  } catch {
    // Some responses (a fetched one passed through) have immutable headers: leave them.
  }
  return response;
}

/**
 * Server hooks: the context (lazily: `vite build` must never open the database), the session,
 * and the checks every API request gets before its route: cross-site writes, body size, and
 * JSON errors for the API. A request marked `X-Comptoir-Background: 1` (the kiosk's
 * background sync) is served but never counts as the person's activity for the idle timeout.
 */
export function createHandle(getServer: () => Promise<ServerContext>): Handle {
  return async ({ event, resolve }) => {
    const path = event.url.pathname;
    const isApi = path === '/api' || path.startsWith('/api/');
    const needsServer = isApi || path.startsWith('/verifier') || path.startsWith('/.well-known/');
    if (!needsServer) return secureHeaders(await resolve(event), event, false, isHttpsOf(event));

    let server;
    try {
      server = await getServer();
    } catch (error) {
      logger.error({ err: error }, 'server context failed to start');
      return errorResponse(503, 'internal_error');
    }
    event.locals.server = server;
    event.locals.account = null;
    const isHttps = server.config.origin.startsWith('https:');

    if (isApi) {
      if (WRITE_METHODS.has(event.request.method)) {
        const refusal = writeRefusal(
          event.request,
          new Set([server.config.origin, event.url.origin]),
        );
        if (refusal) {
          // Anyone can send these: tallied (bounded, aggregated per address and window), not
          // one hash-chained row each (./refusal-tally.ts).
          await tallyRefusal(server, {
            event: 'request.refused',
            clientAddress: clientAddressOf(
              event.request,
              event.getClientAddress(),
              server.config.trustProxy,
            ),
            subject: path,
            detail: {
              code: refusal.code,
              reason: refusal.reason,
              origin: event.request.headers.get('origin'),
              fetchSite: event.request.headers.get('sec-fetch-site'),
            },
          });
          return secureHeaders(errorResponse(refusal.status, refusal.code), event, true, isHttps);
        }
        if (Number(event.request.headers.get('content-length') ?? '0') > MAX_BODY_BYTES) {
          // Read and dropped (bounded) so that the sender gets the 413, not a reset connection.
          if (event.request.body) await discardRest(event.request.body.getReader());
          return secureHeaders(errorResponse(413, 'payload_too_large'), event, true, isHttps);
        }
      }
      try {
        event.locals.account = await accountForToken(server, event.cookies.get(SESSION_COOKIE), {
          isBackground: event.request.headers.get(BACKGROUND_HEADER) === '1',
        });
      } catch (error) {
        logger.error({ err: error }, 'session lookup failed');
        return errorResponse(503, 'internal_error');
      }
    }
    return secureHeaders(await resolve(event), event, isApi, isHttps);
  };
}

function isHttpsOf(event: RequestEvent): boolean {
  return event.url.protocol === 'https:';
}
