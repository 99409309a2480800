import { jsonResponse } from '$lib/server/http/responses';
import type { RequestHandler } from './$types';

/** The public keys documents are signed with (the print agent and kiosks cache them). */
export const GET: RequestHandler = ({ locals }) =>
  jsonResponse(locals.server.signer.jwks, 200, { 'cache-control': 'public, max-age=300' });
