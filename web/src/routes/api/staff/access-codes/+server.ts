import { issueAccessCode } from '$lib/server/accounts/access-codes.service';
import { handleApi, jsonResponse, readJsonBody } from '$lib/server/http/responses';
import { requireAccount } from '$lib/server/http/route-helpers';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, locals }) =>
  handleApi(async () => {
    const account = requireAccount(locals);
    const body = await readJsonBody(request);
    return jsonResponse(await issueAccessCode(locals.server, account, body), 201);
  });
