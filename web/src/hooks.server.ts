import { sequence } from '@sveltejs/kit/hooks';
import { serverContext } from '$lib/server/start';
import { createHandle } from '$lib/server/http/handle';
import { createRequestLog } from '$lib/server/http/request-log';
import { logger } from '$lib/server/log/logger';

/**
 * The app's hook: one JSON log line per request, then the process-wide server context,
 * created on the first request.
 */
export const handle = sequence(createRequestLog(logger), createHandle(serverContext));
