import type { ServerContext } from '../context.js';
import {
  startEmbeddedSupplier,
  type EmbeddedSupplier,
} from '../plate-supplier/embedded-supplier.js';
import { createMailer } from './mailer.js';
import {
  DEFAULT_SUPPLIER_TIMINGS,
  loadPlateSupplierSecret,
  readOutboxConfig,
} from './outbox-settings.js';
import { startOutboxWorker, type OutboxWorker } from './outbox-worker.js';
import { plateSupplierClient } from './plate-supplier.client.js';

/** The process's plates-by-mail machinery: the outbox worker and, by default, the stand-in supplier. */
export interface PlatesByMailRuntime {
  worker: OutboxWorker;
  supplier: EmbeddedSupplier | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the outbox worker of this process. Without `PLATE_SUPPLIER_URL` the stand-in supplier
 * runs inside this process on a free port and reports to this server's webhook (what
 * `npm start` does); mail goes to `SMTP_URL`, or to `.eml` files in the data dir.
 */
export async function startPlatesByMail(server: ServerContext): Promise<PlatesByMailRuntime> {
  const config = server.config.outbox ?? readOutboxConfig({});
  const secret = await loadPlateSupplierSecret(server.config.dataDir, config.plateSupplierSecret);
  const supplier = config.plateSupplierUrl
    ? undefined
    : await startEmbeddedSupplier({
        webhookUrl: `${server.config.origin}/api/plate-supplier/events`,
        secret,
        timings: config.embeddedSupplierTimings ?? DEFAULT_SUPPLIER_TIMINGS,
      });
  const worker = startOutboxWorker(server, {
    supplier: plateSupplierClient(
      config.plateSupplierUrl ?? supplier?.url ?? '',
      secret,
      () => new Date(),
    ),
    mailer: createMailer({
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      dataDir: server.config.dataDir,
    }),
  });
  return {
    worker,
    supplier,
    async stop() {
      await worker.stop();
      await supplier?.stop();
    },
  };
}
