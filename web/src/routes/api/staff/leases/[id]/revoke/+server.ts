import { revokeLeaseAsStaff } from '$lib/server/endpoints/leases.service';
import { readRequestBody } from '$lib/server/http/request-input';
import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { requireAccount } from '$lib/server/http/route-helpers';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ params, request, locals }) =>
  handleApi(async () => {
    const account = requireAccount(locals);
    const body = await readRequestBody(locals.server, account, request);
    return jsonResponse(await revokeLeaseAsStaff(locals.server, account, params, body));
  });
