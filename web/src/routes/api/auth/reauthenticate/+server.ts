import { reauthenticateWithPassword } from '$lib/server/accounts/reauthentication';
import { jsonResponse, readJsonBody } from '$lib/server/http/responses';
import { clientAddress, handleAuthApi, requireAccount } from '$lib/server/http/route-helpers';
import type { RequestHandler } from './$types';

/** The password again (accounts signed in through the provider use `/api/auth/oidc/start?purpose=reauth`). */
export const POST: RequestHandler = (event) =>
  handleAuthApi(async () => {
    const account = requireAccount(event.locals);
    const body = await readJsonBody(event.request);
    const result = await reauthenticateWithPassword(
      event.locals.server,
      account,
      body,
      clientAddress(event),
    );
    return jsonResponse(result);
  });
