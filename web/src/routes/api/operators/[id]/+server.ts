import { handleApi, jsonResponse, readJsonBody } from '$lib/server/http/responses';
import { requireAccount } from '$lib/server/http/route-helpers';
import { updateOperator } from '$lib/server/endpoints/operators.service';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = ({ request, params, locals }) =>
  handleApi(async () => {
    const account = requireAccount(locals);
    return jsonResponse(
      await updateOperator(locals.server, account, params, await readJsonBody(request)),
      200,
      { 'cache-control': 'no-store' },
    );
  });
