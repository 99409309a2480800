import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import { viewBankAccount } from '$lib/server/endpoints/bank-account.service';
import type { RequestHandler } from './$types';

/** The masked account; it is changed with the `bankaccount.set` command (`POST /api/commands`). */
export const GET: RequestHandler = ({ url, locals }) =>
  handleApi(async () =>
    jsonResponse(
      await viewBankAccount(locals.server, requireAccount(locals), queryRecord(url)),
      200,
      {
        'cache-control': 'no-store',
      },
    ),
  );
