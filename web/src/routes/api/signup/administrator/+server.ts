import { signUpAdministrator } from '$lib/server/accounts/signup.service';
import { jsonResponse, readJsonBody } from '$lib/server/http/responses';
import { clientAddress, handleAuthApi } from '$lib/server/http/route-helpers';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) =>
  handleAuthApi(async () => {
    const body = await readJsonBody(event.request);
    return jsonResponse(
      await signUpAdministrator(event.locals.server, body, clientAddress(event)),
      201,
    );
  });
