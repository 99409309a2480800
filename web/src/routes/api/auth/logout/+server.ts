import { SESSION_COOKIE, logout } from '$lib/server/accounts/session.service';
import { handleApi } from '$lib/server/http/responses';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, cookies }) =>
  handleApi(async () => {
    await logout(locals.server, cookies.get(SESSION_COOKIE));
    cookies.delete(SESSION_COOKIE, { path: '/' });
    return new Response(null, { status: 204 });
  });
