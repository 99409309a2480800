import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import { ownershipHistory } from '$lib/server/endpoints/history.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url, locals }) =>
  handleApi(async () =>
    jsonResponse(
      await ownershipHistory(locals.server, requireAccount(locals), params.vin, queryRecord(url)),
    ),
  );
