import { verifyPublic } from '$lib/server/endpoints/verification.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store' });
  return {
    verification: await verifyPublic(locals.server, params.number, url.searchParams.get('t')),
  };
};
