import {
  createGenericAccount,
  listGenericAccounts,
} from '$lib/server/accounts/generic-accounts.service';
import { handleApi, jsonResponse, readJsonBody } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
  handleApi(async () => {
    const account = requireAccount(locals);
    return jsonResponse(await listGenericAccounts(locals.server, account, queryRecord(url)));
  });

export const POST: RequestHandler = ({ request, locals }) =>
  handleApi(async () => {
    const account = requireAccount(locals);
    const body = await readJsonBody(request);
    return jsonResponse(await createGenericAccount(locals.server, account, body), 201);
  });
