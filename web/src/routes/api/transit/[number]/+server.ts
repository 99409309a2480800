import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { requireAccount } from '$lib/server/http/route-helpers';
import { viewDocument } from '$lib/server/endpoints/listing.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) =>
  handleApi(async () =>
    jsonResponse(
      await viewDocument(locals.server, requireAccount(locals), params.number, 'transit'),
    ),
  );
