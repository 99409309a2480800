import { errorResponse } from '$lib/server/http/responses';
import type { RequestHandler } from './$types';

/** Any other `/api/*` path or method: 404 in the shared error shape, never an HTML page. */
export const fallback: RequestHandler = () => errorResponse(404, 'not_found');
