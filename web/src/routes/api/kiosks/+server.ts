import { handleApi, jsonResponse, readJsonBody } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import { enrolKiosk, listKiosks } from '$lib/server/endpoints/kiosks.service';
import type { RequestHandler } from './$types';

const noStore = { 'cache-control': 'no-store' };

export const POST: RequestHandler = ({ request, locals }) =>
  handleApi(async () => {
    const account = requireAccount(locals);
    // The credential is shown this once: never cached anywhere.
    return jsonResponse(
      await enrolKiosk(locals.server, account, await readJsonBody(request)),
      201,
      noStore,
    );
  });

export const GET: RequestHandler = ({ url, locals }) =>
  handleApi(async () =>
    jsonResponse(
      await listKiosks(locals.server, requireAccount(locals), queryRecord(url)),
      200,
      noStore,
    ),
  );
