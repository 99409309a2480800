import { auditInvalidKiosk, kioskForRequest } from '$lib/server/accounts/kiosk-credential';
import { recoverCommands } from '$lib/server/backup/recover.service';
import { fail, handleApi, jsonResponse, readJsonBody } from '$lib/server/http/responses';
import type { RequestHandler } from './$types';

/** After a restore, a kiosk sends back what the server applied for it (docs/sync.md). */
export const POST: RequestHandler = ({ request, locals }) =>
  handleApi(async () => {
    const check = await kioskForRequest(locals.server, request);
    if (check.kind === 'invalid') {
      await auditInvalidKiosk(locals.server, check, locals.account?.id ?? null, 'sync.recover');
      fail(403, 'kiosk_credential_invalid');
    }
    const kiosk = check.kind === 'valid' ? check.kiosk : null;
    if (!kiosk && !locals.account) fail(401, 'unauthenticated');
    return jsonResponse(
      await recoverCommands(
        locals.server,
        { session: locals.account, kiosk },
        await readJsonBody(request),
      ),
    );
  });
