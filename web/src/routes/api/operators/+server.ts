import { handleApi, jsonResponse, readJsonBody } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import { createOperator, listOperators } from '$lib/server/endpoints/operators.service';
import type { RequestHandler } from './$types';

const noStore = { 'cache-control': 'no-store' };

export const POST: RequestHandler = ({ request, locals }) =>
  handleApi(async () => {
    const account = requireAccount(locals);
    return jsonResponse(
      await createOperator(locals.server, account, await readJsonBody(request)),
      201,
      noStore,
    );
  });

export const GET: RequestHandler = ({ url, locals }) =>
  handleApi(async () =>
    jsonResponse(
      await listOperators(locals.server, requireAccount(locals), queryRecord(url)),
      200,
      noStore,
    ),
  );
