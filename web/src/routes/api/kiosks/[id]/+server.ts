import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { requireAccount } from '$lib/server/http/route-helpers';
import { revokeKiosk } from '$lib/server/endpoints/kiosks.service';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ params, locals }) =>
  handleApi(async () =>
    jsonResponse(await revokeKiosk(locals.server, requireAccount(locals), params), 200, {
      'cache-control': 'no-store',
    }),
  );
