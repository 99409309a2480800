import { readServerConfig } from './config.js';
import { createServerContext, type ServerContext } from './context.js';
import { seedDemoData } from './demo/index.js';
import { startPlatesByMail } from './outbox/plates-by-mail.runtime.js';

let shared: Promise<ServerContext> | undefined;

/**
 * The process's context, created on first use (from hooks), never at import time, so that
 * `vite build` never opens the database. The start path is the only one that seeds demo data
 * (`COMPTOIR_DEMO=1`).
 */
export function serverContext(): Promise<ServerContext> {
  shared ??= startServerContext().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

async function startServerContext(): Promise<ServerContext> {
  const config = readServerConfig();
  const ctx = await createServerContext(config);
  if (config.isDemo) await seedDemoData(ctx);
  // Plate orders and e-mails leave through the outbox, after the requests that queued them.
  const platesByMail = await startPlatesByMail(ctx);
  // adapter-node's graceful stop (SIGTERM, SIGINT): the worker's polling would otherwise keep
  // the database pool busy and the process alive.
  process.once('sveltekit:shutdown', () => {
    void platesByMail.stop().then(() => ctx.storage.close());
  });
  return ctx;
}
