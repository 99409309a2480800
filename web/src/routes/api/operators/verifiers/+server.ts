import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import { operatorVerifiers } from '$lib/server/endpoints/operators.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
  handleApi(async () =>
    jsonResponse(
      await operatorVerifiers(locals.server, requireAccount(locals), queryRecord(url)),
      200,
      { 'cache-control': 'no-store' },
    ),
  );
