import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import type { ServerInit } from '@sveltejs/kit';
import { StartupRefusal } from '$lib/server/keys/startup-refusal';
import { serverContext } from '$lib/server/start';
import { createHandle } from '$lib/server/http/handle';
import { createRequestLog } from '$lib/server/http/request-log';
import { logger } from '$lib/server/log/logger';

/**
 * At start (never while building): open the context at once, so that a process holding the
 * wrong registry secret refuses to start and says why instead of answering 503 later. Any
 * other failure (the database not up yet) leaves the context to the first request, as before.
 */
export const init: ServerInit = async () => {
  if (building) return;
  try {
    await serverContext();
  } catch (error) {
    if (error instanceof StartupRefusal) {
      console.error(`comptoir: refusing to start: ${error.message}`);
      process.exit(1);
    }
    console.error('comptoir: the server context did not open at start; retried on requests', error);
  }
};

/**
 * The app's hook: one JSON log line per request, then the process-wide server context,
 * created on the first request.
 */
export const handle = sequence(createRequestLog(logger), createHandle(serverContext));
