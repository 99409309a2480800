import { auditInvalidKiosk, kioskForRequest } from '$lib/server/accounts/kiosk-credential';
import { fail, handleApi, readJsonBody } from '$lib/server/http/responses';
import { pushFromSender } from '$lib/server/sync/push';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request, locals }) =>
  handleApi(async () => {
    const check = await kioskForRequest(locals.server, request);
    if (check.kind === 'invalid') {
      // A revoked or unknown kiosk learns it at once (it forgets its credential); audited.
      await auditInvalidKiosk(locals.server, check, locals.account?.id ?? null, 'sync.push');
      fail(403, 'kiosk_credential_invalid');
    }
    const kiosk = check.kind === 'valid' ? check.kiosk : null;
    if (!kiosk && !locals.account) fail(401, 'unauthenticated');
    const answer = await pushFromSender(
      locals.server,
      { session: locals.account, kiosk },
      await readJsonBody(request, { isBatch: true }),
    );
    // The body is built as text: replayed results are spliced in byte for byte.
    return new Response(answer.body, {
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    });
  });
