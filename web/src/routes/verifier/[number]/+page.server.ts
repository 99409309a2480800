import { verifyPublic } from '$lib/server/endpoints/verification.service';
import { clientAddress } from '$lib/server/http/route-helpers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { params, url, locals, setHeaders } = event;
  setHeaders({ 'cache-control': 'no-store' });
  return {
    verification: await verifyPublic(locals.server, params.number, url.searchParams.get('t'), {
      clientAddress: clientAddress(event),
      vin: url.searchParams.get('vin'),
    }),
  };
};
