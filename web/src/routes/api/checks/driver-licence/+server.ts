import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import { checkDriverLicence } from '$lib/server/endpoints/checks.service';
import { readRequestBody } from '$lib/server/http/request-input';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, url, locals }) =>
  handleApi(async () => {
    const account = requireAccount(locals);
    const body = await readRequestBody(locals.server, account, request);
    return jsonResponse(
      await checkDriverLicence(locals.server, account, queryRecord(url), body),
      200,
      {
        'cache-control': 'no-store',
      },
    );
  });
