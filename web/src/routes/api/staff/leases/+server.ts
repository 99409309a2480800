import { listLeasesForStaff } from '$lib/server/endpoints/leases.service';
import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
  handleApi(async () =>
    jsonResponse(
      await listLeasesForStaff(locals.server, requireAccount(locals), queryRecord(url)),
      200,
      { 'cache-control': 'no-store' },
    ),
  );
