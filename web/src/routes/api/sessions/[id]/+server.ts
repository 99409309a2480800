import { endSession } from '$lib/server/accounts/sessions-admin.service';
import { handleApi } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ url, locals, params }) =>
  handleApi(async () => {
    const account = requireAccount(locals);
    await endSession(locals.server, account, params.id, queryRecord(url));
    return new Response(null, { status: 204 });
  });
