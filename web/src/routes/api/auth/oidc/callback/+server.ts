import { OIDC_BINDING_COOKIE, finishOidc } from '$lib/server/accounts/oidc.service';
import { HttpError, handleApi } from '$lib/server/http/responses';
import { clientAddress, setSessionCookie } from '$lib/server/http/route-helpers';
import type { RequestHandler } from './$types';

/** The provider sends the browser back here; errors land on the sign-in page with their code. */
export const GET: RequestHandler = (event) =>
  handleApi(async () => {
    const { url, locals, cookies, request } = event;
    const binding = cookies.get(OIDC_BINDING_COOKIE);
    cookies.delete(OIDC_BINDING_COOKIE, { path: '/api/auth/oidc' });
    try {
      const outcome = await finishOidc(locals.server, {
        currentUrl: url,
        binding,
        session: locals.account,
        request,
        clientAddress: clientAddress(event),
      });
      if (outcome.session) {
        setSessionCookie(
          cookies,
          locals.server.config.origin,
          outcome.session.token,
          outcome.session.expiresAt,
        );
      }
      return new Response(null, { status: 303, headers: { location: outcome.returnTo } });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const location = `/connexion?erreur=${encodeURIComponent(error.body.code)}`;
      return new Response(null, { status: 303, headers: { location } });
    }
  });
