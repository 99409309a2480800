import { parseSupplierTimings } from '../outbox/outbox-settings.js';
import { startEmbeddedSupplier } from './embedded-supplier.js';

/*
 * The stand-in supplier as its own process (the tests run the real server against it):
 * `SUPPLIER_PORT`, `SUPPLIER_WEBHOOK_URL`, `PLATE_SUPPLIER_SECRET`, `PLATE_SUPPLIER_TIMINGS`,
 * `SUPPLIER_STATE_FILE`. Prints `listening <url>` once ready.
 */
const secret = process.env.PLATE_SUPPLIER_SECRET;
const webhookUrl = process.env.SUPPLIER_WEBHOOK_URL;
if (!secret || !webhookUrl) {
  console.error('PLATE_SUPPLIER_SECRET and SUPPLIER_WEBHOOK_URL are required');
  process.exit(2);
}
const supplier = await startEmbeddedSupplier({
  port: Number(process.env.SUPPLIER_PORT ?? '0'),
  webhookUrl,
  secret,
  timings: parseSupplierTimings(process.env.PLATE_SUPPLIER_TIMINGS),
  stateFile: process.env.SUPPLIER_STATE_FILE,
});
console.log(`listening ${supplier.url}`);
const stop = () => void supplier.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
