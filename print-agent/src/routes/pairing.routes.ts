import { Hono, type Context } from 'hono';
import type { AppDeps } from '../app.js';
import { agentError } from '../errors.js';
import { rateLimit } from '../http/rate-limit.js';
import { parseJsonBody } from '../http/validate.js';
import { pairRequestSchema } from '../jobs/job-request.schema.js';

/** `POST /pair`: a one-time code for a kiosk token. */
export function pairingRoutes(deps: AppDeps, clientAddress: (c: Context) => string) {
  return new Hono().post(
    '/pair',
    rateLimit(deps.pairingRateLimit ?? { burst: 5, perSecond: 0.1 }, clientAddress),
    async (c) => {
      const parsed = await parseJsonBody(c, pairRequestSchema);
      if (!parsed.ok) return c.json(parsed.error, 400);
      const token = deps.pairing.redeem(parsed.data.code, parsed.data.label);
      if (token === undefined) return c.json(agentError('pairing_code_invalid'), 403);
      return c.json({ token }, 201);
    },
  );
}
