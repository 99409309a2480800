import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import { listRegistrations } from '$lib/server/endpoints/registration-view.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
  handleApi(async () =>
    jsonResponse(await listRegistrations(locals.server, requireAccount(locals), queryRecord(url))),
  );
