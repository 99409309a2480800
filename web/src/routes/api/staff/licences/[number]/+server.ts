import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { requireAccount } from '$lib/server/http/route-helpers';
import { viewLicence } from '$lib/server/endpoints/staff.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) =>
  handleApi(async () =>
    jsonResponse(await viewLicence(locals.server, requireAccount(locals), params.number), 200, {
      'cache-control': 'no-store',
    }),
  );
