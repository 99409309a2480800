import { jsonResponse } from '$lib/server/http/responses';
import type { RequestHandler } from './$types';

/**
 * The registry's public keys (current and retired) and its revoked key ids; the print agents
 * and kiosks merge them into what they keep. A short cache: a revocation must spread fast.
 */
export const GET: RequestHandler = ({ locals }) =>
  jsonResponse(locals.server.signer.jwks(), 200, { 'cache-control': 'public, max-age=60' });
