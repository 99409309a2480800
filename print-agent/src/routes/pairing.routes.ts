import { Hono, type Context } from 'hono';
import type { AppDeps } from '../deps.js';
import { apiError, pairRequestSchema, type PairResponse } from '@comptoir/shared';
import { rateLimit } from '../http/rate-limit.js';
import { parseJsonBody } from '../http/validate.js';

/** `POST /pair`: a one-time code for a kiosk token. */
export function pairingRoutes(deps: AppDeps, clientAddress: (c: Context) => string) {
  return new Hono().post(
    '/pair',
    rateLimit(deps.pairingRateLimit ?? { burst: 5, perSecond: 0.1 }, clientAddress),
    async (c) => {
      const parsed = await parseJsonBody(c, pairRequestSchema);
      if (!parsed.ok) return c.json(parsed.error, 400);
      const token = deps.pairing.redeem(parsed.data.code, parsed.data.label);
      if (token === undefined) {
        return deps.pairing.isLocked()
          ? c.json(apiError('pairing_code_locked'), 429)
          : c.json(apiError('pairing_code_invalid'), 403);
      }
      return c.json({ token } satisfies PairResponse, 201);
    },
  );
}
