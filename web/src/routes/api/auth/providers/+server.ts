import { handleApi, jsonResponse } from '$lib/server/http/responses';
import type { RequestHandler } from './$types';

/** `GET /api/auth/providers`: whether sign-in through an OpenID Connect provider is offered. */
export const GET: RequestHandler = ({ locals }) =>
  handleApi(async () => {
    const oidc = locals.server.config.oidc;
    return jsonResponse({ oidc: oidc ? { name: oidc.name } : null });
  });
