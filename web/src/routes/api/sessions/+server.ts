import { listSessions } from '$lib/server/accounts/sessions-admin.service';
import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
  handleApi(async () => {
    const account = requireAccount(locals);
    return jsonResponse(await listSessions(locals.server, account, queryRecord(url)));
  });
