import { setOwnContact, viewOwnContact } from '$lib/server/accounts/account-contact.service';
import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { readRequestBody } from '$lib/server/http/request-input';
import { requireAccount } from '$lib/server/http/route-helpers';
import type { RequestHandler } from './$types';

/** The signed-in person's own address and language for notices. */
export const GET: RequestHandler = ({ locals }) =>
  handleApi(async () =>
    jsonResponse(await viewOwnContact(locals.server, requireAccount(locals)), 200, {
      'cache-control': 'no-store',
    }),
  );

/** Sets them (idempotent: the same values again change nothing). */
export const PUT: RequestHandler = ({ request, locals }) =>
  handleApi(async () => {
    const account = requireAccount(locals);
    const body = await readRequestBody(locals.server, account, request);
    return jsonResponse(await setOwnContact(locals.server, account, body), 200, {
      'cache-control': 'no-store',
    });
  });
