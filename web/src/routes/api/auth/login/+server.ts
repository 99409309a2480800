import { signInWithPassword } from '$lib/server/accounts/sign-in.service';
import { jsonResponse, readJsonBody } from '$lib/server/http/responses';
import { clientAddress, handleAuthApi, setSessionCookie } from '$lib/server/http/route-helpers';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
  handleAuthApi(async () => {
    const { request, locals, cookies } = event;
    const body = await readJsonBody(request);
    const { session, info } = await signInWithPassword(locals.server, body, {
      request,
      clientAddress: clientAddress(event),
    });
    setSessionCookie(cookies, locals.server.config.origin, session.token, session.expiresAt);
    return jsonResponse(info);
  });
