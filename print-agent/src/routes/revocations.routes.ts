import { Hono } from 'hono';
import { revocationsRequestSchema } from '@comptoir/shared';
import type { AppDeps } from '../deps.js';
import { requireCaller } from '../http/auth.js';
import { parseJsonBody } from '../http/validate.js';
import { receiveRevocationFeed } from '../trust/revocations.service.js';

/** `POST /revocations`: a paired kiosk hands over the dealer's feed it pulled from the server. */
export function revocationRoutes(deps: AppDeps) {
  const kiosk = requireCaller('kiosk', deps);
  return new Hono().post('/revocations', kiosk, async (c) => {
    const parsed = await parseJsonBody(c, revocationsRequestSchema);
    if (!parsed.ok) return c.json(parsed.error, 400);
    const outcome = await receiveRevocationFeed(deps, parsed.data);
    if (!outcome.ok) {
      deps.logger.warn({ code: outcome.error.code }, 'revocation feed refused');
      return c.json(outcome.error, outcome.status);
    }
    return c.json(outcome.answer, 200);
  });
}
