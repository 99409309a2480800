import { fromZodError, sessionQuerySchema, type SessionLookup } from '@comptoir/shared';
import { sessionInfo } from '$lib/server/accounts/session.service';
import { HttpError, handleApi, jsonResponse } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import type { RequestHandler } from './$types';

/** Who is signed in; `?ifSignedIn=1` answers 200 `{ session }` (null when signed out). */
export const GET: RequestHandler = ({ locals, url }) =>
  handleApi(async () => {
    const query = sessionQuerySchema.safeParse(queryRecord(url));
    if (!query.success) throw new HttpError(400, fromZodError(query.error));
    if (!query.data.ifSignedIn)
      return jsonResponse(sessionInfo(locals.server, requireAccount(locals)));
    const session = locals.account ? sessionInfo(locals.server, locals.account) : null;
    return jsonResponse({ session } satisfies SessionLookup);
  });
