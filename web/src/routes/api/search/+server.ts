import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import { searchPapers } from '$lib/server/endpoints/search.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
  handleApi(async () =>
    jsonResponse(await searchPapers(locals.server, requireAccount(locals), queryRecord(url))),
  );
