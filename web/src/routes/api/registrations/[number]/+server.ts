import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { requireAccount } from '$lib/server/http/route-helpers';
import { viewRegistration } from '$lib/server/endpoints/registration-view.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) =>
  handleApi(async () =>
    jsonResponse(await viewRegistration(locals.server, requireAccount(locals), params.number)),
  );
