import { apiError } from '@comptoir/shared';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from './deps.js';
import { allowListCors } from './http/cors.js';
import { allowedHostsOnly } from './http/host-guard.js';
import { rateLimit } from './http/rate-limit.js';
import { requestLog } from './http/request-log.js';
import { securityHeadersOnEveryAnswer } from './http/security-headers.js';
import { adminRoutes } from './routes/admin.routes.js';
import { jobRoutes } from './routes/jobs.routes.js';
import { openApiDocument } from './routes/openapi.js';
import { pairingRoutes } from './routes/pairing.routes.js';
import { printerRoutes } from './routes/printers.routes.js';
import { revocationRoutes } from './routes/revocations.routes.js';

const MAX_BODY_BYTES = 1024 * 1024;

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (`app.request()` in tests) have no socket.
    return 'in-process';
  }
}

/**
 * The agent's HTTP API: health, pairing, jobs, printers, the admin page and the OpenAPI
 * document. Routes stay thin: they parse with zod, then call a service.
 */
export function createApp(deps: AppDeps) {
  const clientAddress = deps.clientAddress ?? socketAddress;
  return new Hono()
    .use(requestLog(deps.logger))
    .use(securityHeadersOnEveryAnswer())
    .use(allowedHostsOnly(deps.allowedHosts ?? []))
    .use(allowListCors(deps.allowedOrigins))
    .use(rateLimit(deps.rateLimit ?? { burst: 120, perSecond: 60 }, clientAddress))
    .use(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: (c) => c.json(apiError('payload_too_large'), 413),
      }),
    )
    .get('/health', (c) =>
      c.json({
        status: 'ok',
        service: 'comptoir-print-agent',
        printers: deps.printers.length,
        trustedKeys: deps.keys.count(),
        jobs: deps.ledger.countByState(),
        revocations: deps.revocations.counts(),
      }),
    )
    .get('/openapi.json', (c) => c.json(openApiDocument()))
    .route('/', pairingRoutes(deps, clientAddress))
    .route('/', jobRoutes(deps))
    .route('/', printerRoutes(deps))
    .route('/', revocationRoutes(deps))
    .route('/', adminRoutes(deps))
    .notFound((c) => c.json(apiError('not_found'), 404))
    .onError((error, c) => {
      deps.logger.error({ err: error }, 'unexpected error');
      return c.json(apiError('internal_error'), 500);
    });
}

/** The agent API's type, for a typed client (`hono/client`). */
export type AppType = ReturnType<typeof createApp>;
