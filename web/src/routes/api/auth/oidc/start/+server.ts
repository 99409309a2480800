import {
  OIDC_BINDING_COOKIE,
  startOidc,
  type OidcPurpose,
} from '$lib/server/accounts/oidc.service';
import { fail, handleApi } from '$lib/server/http/responses';
import type { RequestHandler } from './$types';

const purposes: readonly OidcPurpose[] = ['signin', 'reauth', 'link'];

/** `GET /api/auth/oidc/start?purpose=signin|reauth|link&returnTo=/path`: off to the provider. */
export const GET: RequestHandler = ({ url, locals, cookies }) =>
  handleApi(async () => {
    const purpose = purposes.find(
      (entry) => entry === (url.searchParams.get('purpose') ?? 'signin'),
    );
    if (!purpose) fail(400, 'invalid_input');
    const { redirectTo, binding } = await startOidc(locals.server, {
      purpose,
      session: locals.account,
      returnTo: url.searchParams.get('returnTo') ?? '/',
    });
    cookies.set(OIDC_BINDING_COOKIE, binding, {
      path: '/api/auth/oidc',
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level navigation from another site.
      sameSite: 'lax',
      secure: locals.server.config.origin.startsWith('https:'),
      maxAge: 600,
    });
    return new Response(null, { status: 303, headers: { location: redirectTo } });
  });
