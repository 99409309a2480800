import { json } from '@sveltejs/kit';
import { readiness } from '$lib/server/endpoints/readiness.service';
import type { RequestHandler } from './$types';

/**
 * Readiness (`/api/health` is the cheap liveness): 200 when the database answers and the
 * keyset is the registry's, else 503, so that a load balancer sends no traffic here.
 */
export const GET: RequestHandler = async ({ locals }) => {
  const { isReady, checks } = await readiness(locals.server);
  return json(
    { status: isReady ? 'ready' : 'not_ready', service: 'comptoir-web', checks },
    { status: isReady ? 200 : 503 },
  );
};
