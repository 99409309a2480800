import { auditInvalidKiosk, kioskForRequest } from '$lib/server/accounts/kiosk-credential';
import { grantLease } from '$lib/server/endpoints/leases.service';
import { fail, handleApi, jsonResponse, readJsonBody } from '$lib/server/http/responses';
import type { RequestHandler } from './$types';

// The kiosk's device credential is the only proof: a session alone names no kiosk key.
export const POST: RequestHandler = ({ params, request, locals }) =>
  handleApi(async () => {
    const check = await kioskForRequest(locals.server, request);
    if (check.kind === 'invalid') {
      await auditInvalidKiosk(locals.server, check, locals.account?.id ?? null, 'kiosk.lease');
      fail(403, 'kiosk_credential_invalid');
    }
    if (check.kind === 'absent') fail(401, 'unauthenticated');
    const body = await readJsonBody(request);
    return jsonResponse(await grantLease(locals.server, check.kiosk, params, body), 201, {
      'cache-control': 'no-store',
    });
  });
