import { handleApi, readJsonBody } from '$lib/server/http/responses';
import { requireAccount } from '$lib/server/http/route-helpers';
import { applyDirectCommand } from '$lib/server/sync/direct-command';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, locals }) =>
  handleApi(async () => {
    const account = requireAccount(locals);
    const answer = await applyDirectCommand(locals.server, account, await readJsonBody(request));
    // The stored result, byte for byte: a replay answers exactly what the first call did.
    return new Response(answer.body, {
      status: answer.status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    });
  });
