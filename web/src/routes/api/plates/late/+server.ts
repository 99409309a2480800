import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import { listLatePlates } from '$lib/server/endpoints/plates-late.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
  handleApi(async () =>
    jsonResponse(await listLatePlates(locals.server, requireAccount(locals), queryRecord(url))),
  );
