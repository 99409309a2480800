import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import {
  createCapRequest,
  listLicenceCapRequests,
} from '$lib/server/endpoints/cap-requests.service';
import { readRequestBody } from '$lib/server/http/request-input';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, locals }) =>
  handleApi(async () => {
    const account = requireAccount(locals);
    const created = await createCapRequest(
      locals.server,
      account,
      await readRequestBody(locals.server, account, request),
    );
    return jsonResponse(created.request, created.status);
  });

export const GET: RequestHandler = ({ url, locals }) =>
  handleApi(async () =>
    jsonResponse(
      await listLicenceCapRequests(locals.server, requireAccount(locals), queryRecord(url)),
    ),
  );
