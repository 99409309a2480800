import { jsonResponse } from '$lib/server/http/responses';
import { openApiDocument } from '$lib/server/openapi/openapi.document';
import type { RequestHandler } from './$types';

/** The server's API described (OpenAPI 3.1, generated from the shared zod schemas). */
export const GET: RequestHandler = () => jsonResponse(openApiDocument());
