import { DEFAULT_SUPPORT_LINE, supportLineSchema } from '@comptoir/shared';
import { handleApi, jsonResponse } from '$lib/server/http/responses';
import type { RequestHandler } from './$types';

/** The support line and hours shown in the help of every screen (public: shown before sign-in). */
export const GET: RequestHandler = ({ locals }) =>
  handleApi(() =>
    Promise.resolve(
      jsonResponse(
        supportLineSchema.parse(locals.server.config.support ?? DEFAULT_SUPPORT_LINE),
        200,
        {
          'cache-control': 'max-age=300',
        },
      ),
    ),
  );
