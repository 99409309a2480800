import { handleApi, jsonResponse } from '$lib/server/http/responses';
import { queryRecord, requireAccount } from '$lib/server/http/route-helpers';
import { listDocuments } from '$lib/server/endpoints/listing.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
  handleApi(async () =>
    jsonResponse(
      await listDocuments(locals.server, requireAccount(locals), 'atac', queryRecord(url)),
    ),
  );
