// Refusals answered before SvelteKit, for floods of requests that can only be refused.
//
// A flood of 300 refused writes a second from one address cost the server about a millisecond
// of CPU each in SvelteKit (request object, hooks, session lookup, the request log line): on a
// busy machine the server saturated and a kiosk's pushes queued behind the flood's
// connections. The first refusals of an address in a window still go through the app (audited
// by the refusal tally, logged); past `allowance`, the same refusal is answered here for a
// fraction of that cost, and counted into one log line per address and window.
//
// Only what the app would refuse whatever its state is answered here:
// - an API write whose `Origin` is not the server's own (the app's `cross_site_refused`);
// - an API write with no cookie to a method and path where the app already answered a write
//   with no cookie `401` (a route that needs a session; learned while running, so no route
//   list goes stale), never under /api/auth/ (a wrong password is a 401 too).
// The client address is found as the app finds it (web/src/lib/server/accounts/client-address.ts:
// behind a trusted proxy the last `X-Forwarded-For` entry).
import { isIP } from 'node:net';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The app's error body for each early refusal: `apiError(code)` of @comptoir/shared, written out
 * so this entry does not load the shared package (early-refusals.test.ts holds them equal).
 */
export const EARLY_REFUSALS = {
  cross_site_refused: {
    status: 403,
    body: JSON.stringify({
      code: 'cross_site_refused',
      message: { fr: "Requête d'un autre site refusée.", en: 'Cross-site request refused.' },
      fields: [],
    }),
  },
  unauthenticated: {
    status: 401,
    body: JSON.stringify({
      code: 'unauthenticated',
      message: { fr: 'Veuillez vous connecter.', en: 'Please sign in.' },
      fields: [],
    }),
  },
};

function addressOf(request, trustProxy) {
  const peer = request.socket.remoteAddress ?? '';
  if (!trustProxy) return peer;
  const last = String(request.headers['x-forwarded-for'] ?? '')
    .split(',')
    .at(-1)
    ?.trim();
  return last && isIP(last) ? last : peer;
}

/**
 * Installs the early refusals on `server` (adapter-node's), before its own handler.
 *
 * @example
 * installEarlyRefusals(adapter.server.server, { origin: process.env.ORIGIN, headers });
 */
export function installEarlyRefusals(server, options) {
  const allowance = options.allowance ?? 60;
  const windowMs = options.windowMs ?? 60_000;
  const maxAddresses = options.maxAddresses ?? 10_000;
  const log = options.log ?? ((line) => process.stdout.write(`${JSON.stringify(line)}\n`));
  /** Refusals per address in the current window: [passed to the app, answered here]. */
  let counts = new Map();
  let windowStart = Date.now();
  /** `METHOD path` of writes the app refused 401 without a cookie (bounded). */
  const needsSession = new Set();

  const roll = (now) => {
    if (now - windowStart < windowMs) return;
    for (const [address, [, shed]] of counts) {
      if (shed > 0) {
        log({
          level: 40,
          time: new Date(now).toISOString(),
          service: 'web',
          msg: 'refused early',
          address,
          count: shed,
          windowMs,
        });
      }
    }
    counts = new Map();
    windowStart = now;
  };

  // adapter-node's own handler runs on 'request' too: ours must come first and, when it
  // answers, stop it (it checks nothing we set, so the answer is ended before it runs).
  const handlers = server.listeners('request');
  server.removeAllListeners('request');
  server.on('request', (request, response) => {
    const refusal = earlyRefusal(request);
    if (refusal) {
      const now = Date.now();
      roll(now);
      const address = addressOf(request, options.trustProxy);
      const key = counts.has(address) || counts.size < maxAddresses ? address : '*';
      const count = counts.get(key) ?? [0, 0];
      counts.set(key, count);
      if (count[0] >= allowance) {
        count[1] += 1;
        const { status, body } = EARLY_REFUSALS[refusal];
        response.writeHead(status, {
          ...options.headers,
          'content-type': 'application/json',
          'cache-control': 'no-store',
          'content-length': Buffer.byteLength(body),
          // A small body is drained and the connection kept (cheaper for us than a new one);
          // a large or chunked one is not read: that connection closes after the answer.
          ...(!(Number(request.headers['content-length']) <= 65_536) && { connection: 'close' }),
        });
        response.end(body);
        request.resume();
        return;
      }
      count[0] += 1;
    }
    // Not under /api/auth/: there a 401 means wrong credentials (sign-in, re-authentication),
    // not a missing session, and the next try may be right.
    if (
      isCookieLessWrite(request) &&
      !request.url.startsWith('/api/auth/') &&
      needsSession.size < 200
    ) {
      response.once('finish', () => {
        if (response.statusCode === 401) needsSession.add(routeKey(request));
      });
    }
    for (const handler of handlers) handler.call(server, request, response);
  });

  function earlyRefusal(request) {
    if (!WRITE_METHODS.has(request.method) || !request.url?.startsWith('/api/')) return undefined;
    const origin = request.headers.origin;
    // The app allows its configured origin and the one the request names itself under (no
    // ORIGIN set): only an origin that is neither is refused here.
    const host = request.headers.host;
    if (
      origin !== undefined &&
      origin !== options.origin &&
      origin !== `http://${host}` &&
      origin !== `https://${host}`
    ) {
      return 'cross_site_refused';
    }
    if (isCookieLessWrite(request) && needsSession.has(routeKey(request))) {
      return 'unauthenticated';
    }
    return undefined;
  }
}

function isCookieLessWrite(request) {
  return (
    WRITE_METHODS.has(request.method) &&
    request.url?.startsWith('/api/') &&
    request.headers.cookie === undefined &&
    !Object.keys(request.headers).some((name) => name.startsWith('x-comptoir-'))
  );
}

function routeKey(request) {
  return `${request.method} ${request.url.split('?')[0]}`;
}
