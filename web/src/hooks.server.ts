import { serverContext } from '$lib/server/start';
import { createHandle } from '$lib/server/http/handle';

/** The app's hook: the process-wide server context, created on the first request. */
export const handle = createHandle(serverContext);
