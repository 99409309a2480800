import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import { lookUpVehicle } from '$lib/server/endpoints/vehicles.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url, locals }) =>
  handleApi(async () =>
    jsonResponse(
      await lookUpVehicle(locals.server, requireAccount(locals), params.vin, queryRecord(url)),
      200,
      { 'cache-control': 'no-store' },
    ),
  );
