import { supplierSignatureHeaders } from '@comptoir/shared';
import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { receivePlateEvent } from '$lib/server/endpoints/plate-supplier-events.service';
import { loadPlateSupplierSecret } from '$lib/server/outbox/outbox-settings';
import type { RequestHandler } from './$types';

/** The plate supplier's signed webhook (docs/plates-by-mail.md): no session, the HMAC is the proof. */
export const POST: RequestHandler = ({ request, locals }) =>
  handleApi(async () => {
    const { config } = locals.server;
    const secret = await loadPlateSupplierSecret(
      config.dataDir,
      config.outbox?.plateSupplierSecret,
    );
    return jsonResponse(
      await receivePlateEvent(locals.server, secret, {
        timestamp: request.headers.get(supplierSignatureHeaders.timestamp),
        signature: request.headers.get(supplierSignatureHeaders.signature),
        rawBody: await request.text(),
      }),
    );
  });
