import { login } from '$lib/server/auth/session.service';
import { handleApi, jsonResponse, readJsonBody } from '$lib/server/http/responses';
import { setSessionCookie } from '$lib/server/http/route-helpers';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, locals, cookies, getClientAddress }) =>
  handleApi(async () => {
    const body = await readJsonBody(request);
    const session = await login(locals.server, body, getClientAddress());
    setSessionCookie(cookies, locals.server.config.origin, session.token, session.expiresAt);
    return jsonResponse(session.info);
  });
