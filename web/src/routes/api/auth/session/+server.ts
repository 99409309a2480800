import { sessionInfo } from '$lib/server/accounts/session.service';
import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { requireAccount } from '$lib/server/http/route-helpers';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
  handleApi(async () => jsonResponse(sessionInfo(locals.server, requireAccount(locals))));
