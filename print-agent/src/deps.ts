import type { Printer } from '@comptoir/shared';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { PrinterDriver } from './drivers/printer-driver.js';
import type { RateLimit } from './http/rate-limit.js';
import type { JobLedger } from './queue/job-ledger.js';
import type { PrintQueue } from './queue/print-queue.js';
import type { DocumentVerifier } from './trust/document-verifier.js';
import type { KioskPairing } from './trust/kiosk-pairing.js';
import type { RevocationStore } from './trust/revocation-store.js';
import type { ServerKeys } from './trust/server-keys.js';

/**
 * Everything the HTTP app works with; `main.ts` wires the real ones, tests their own. Its own
 * module so the route files depend on it and not on `app.ts`, which imports them.
 */
export interface AppDeps {
  ledger: JobLedger;
  queue: PrintQueue;
  verifier: DocumentVerifier;
  keys: ServerKeys;
  pairing: KioskPairing;
  /** The dealers' revocation feeds: a voided paper never prints. */
  revocations: RevocationStore;
  printers: Printer[];
  drivers: Map<string, PrinterDriver>;
  adminSecret: string;
  allowedOrigins: string[];
  /** Host names and addresses the agent answers to besides the loopback ones (DNS rebinding). */
  allowedHosts?: readonly string[];
  /** The server's origin: QR codes point to its verification page. */
  serverOrigin: string;
  /** Every request, per client address. */
  rateLimit?: RateLimit;
  /** Pairing attempts, per client address: tight, a code is 8 digits. */
  pairingRateLimit?: RateLimit;
  clientAddress?: (c: Context) => string;
  /** One JSON line per request and per job (src/log/logger.ts). */
  logger: Logger;
  now?: () => Date;
}
