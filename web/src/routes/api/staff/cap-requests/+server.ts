import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import { listCapRequests } from '$lib/server/endpoints/staff.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
  handleApi(async () =>
    jsonResponse(await listCapRequests(locals.server, requireAccount(locals), queryRecord(url))),
  );
