import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import { staffLookup } from '$lib/server/endpoints/search.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
  handleApi(async () =>
    jsonResponse(await staffLookup(locals.server, requireAccount(locals), queryRecord(url)), 200, {
      'cache-control': 'no-store',
    }),
  );
