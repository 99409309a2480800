import type { MiddlewareHandler } from 'hono';
import { apiError } from '@comptoir/shared';
import type { KioskPairing } from '../trust/kiosk-pairing.js';
import { adminSecretOf, bearerTokenOf, secretsMatch } from './secrets.js';

/** Who may call: a paired kiosk (Bearer token), the admin (secret), or either. */
export type Caller = 'kiosk' | 'admin' | 'kiosk_or_admin';

/**
 * Guards a route. A kiosk shows the token pairing gave it; the admin shows the secret by
 * HTTP Basic (the browser asks) or the `X-Agent-Admin-Secret` header.
 */
export function requireCaller(
  caller: Caller,
  deps: { pairing: KioskPairing; adminSecret: string },
): MiddlewareHandler {
  return async (c, next) => {
    const authorization = c.req.header('authorization');
    if (caller !== 'kiosk') {
      const secret = adminSecretOf(authorization, c.req.header('x-agent-admin-secret'));
      if (secret !== undefined && secretsMatch(secret, deps.adminSecret)) return next();
    }
    if (caller !== 'admin') {
      const token = bearerTokenOf(authorization);
      if (token !== undefined) {
        if (deps.pairing.isValidToken(token)) return next();
        return c.json(apiError('kiosk_token_invalid'), 401);
      }
    }
    if (caller === 'admin') {
      c.header('WWW-Authenticate', 'Basic realm="Comptoir agent", charset="UTF-8"');
      return c.json(apiError('admin_auth_required'), 401);
    }
    return c.json(apiError('kiosk_token_required'), 401);
  };
}
