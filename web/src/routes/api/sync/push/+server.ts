import { handleApi, readJsonBody } from '$lib/server/http/responses';
import { requireAccount } from '$lib/server/http/route-helpers';
import { pushCommands } from '$lib/server/sync/push.service';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, locals }) =>
  handleApi(async () => {
    const account = requireAccount(locals);
    const answer = await pushCommands(locals.server, account, await readJsonBody(request));
    // The body is built as text: replayed results are spliced in byte for byte.
    return new Response(answer.body, {
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    });
  });
