import { updateGenericAccount } from '$lib/server/accounts/generic-accounts.service';
import { handleApi, jsonResponse, readJsonBody } from '$lib/server/http/responses';
import { requireAccount } from '$lib/server/http/route-helpers';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = ({ request, locals, params }) =>
  handleApi(async () => {
    const account = requireAccount(locals);
    const body = await readJsonBody(request);
    return jsonResponse(await updateGenericAccount(locals.server, account, params.id, body));
  });
