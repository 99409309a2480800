import { printerSchema, type PinnedKey, type Printer, type PrinterRole } from '@comptoir/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { pino } from 'pino';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app.js';
import type { AppDeps } from '../deps.js';
import { createDriver } from '../drivers/create-driver.js';
import type { PrinterDriver } from '../drivers/printer-driver.js';
import { JobLedger } from '../queue/job-ledger.js';
import { PrintQueue, type QueuePolicy } from '../queue/print-queue.js';
import type { DocumentRenderer } from '../render/document-renderer.js';
import { createDocumentVerifier } from '../trust/document-verifier.js';
import { KioskPairing } from '../trust/kiosk-pairing.js';
import { PairingStore } from '../trust/pairing-store.js';
import { ServerKeys } from '../trust/server-keys.js';
import { RevocationStore } from '../trust/revocation-store.js';
import { agentJobGate } from '../jobs/job-gate.js';
import type { TestSigner } from './documents.js';
import { createPlainRenderer } from './plain-renderer.js';

/** An in-process agent over a temporary data dir, for `app.request()` tests. */
export interface TestAgent {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  dataDir: string;
  /** A kiosk token obtained through the real pairing flow. */
  token: string;
  dispose(): Promise<void>;
}

export const TEST_ORIGIN = 'http://127.0.0.1:3000';
export const ADMIN_SECRET = 'test-admin-secret-123';

export async function createTestAgent(options: {
  signer: TestSigner;
  printers: Printer[];
  drivers?: Map<string, PrinterDriver>;
  renderer?: DocumentRenderer;
  policy?: Partial<QueuePolicy>;
  deps?: Partial<AppDeps>;
}): Promise<TestAgent> {
  const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-agent-test-'));
  const ledger = new JobLedger(dataDir);
  const drivers =
    options.drivers ?? new Map(options.printers.map((p) => [p.id, createDriver(p, dataDir)]));
  const logger = options.deps?.logger ?? pino({ level: 'silent' });
  const pairingStore = new PairingStore(dataDir);
  const pairing = new KioskPairing(pairingStore);
  const revocations = new RevocationStore(dataDir);
  const queue = new PrintQueue({
    ledger,
    logger,
    printers: [...drivers].map(([id, driver]) => ({ id, driver })),
    renderer: options.renderer ?? createPlainRenderer(),
    policy: { baseRetryDelayMs: 50, holdPollMs: 100, ...options.policy },
    gate: agentJobGate({ ledger, pairing, revocations }),
  });
  const pinned: PinnedKey = {
    kty: 'OKP',
    crv: 'Ed25519',
    x: String(options.signer.publicJwk.x),
    kid: options.signer.publicJwk.kid,
  };
  // No JWKS server in these tests: the key is pinned, and the URL points nowhere reachable.
  const keys = new ServerKeys({
    dataDir,
    jwksUrl: 'http://127.0.0.1:9/jwks.json',
    pinnedKeys: [pinned],
    fetch: () => Promise.reject(new Error('offline')),
  });
  const deps: AppDeps = {
    ledger,
    queue,
    verifier: createDocumentVerifier(keys),
    keys,
    pairing,
    revocations,
    printers: options.printers,
    drivers,
    adminSecret: ADMIN_SECRET,
    allowedOrigins: [TEST_ORIGIN],
    serverOrigin: TEST_ORIGIN,
    ...options.deps,
    logger,
  };
  const app = createApp(deps);
  queue.start();
  const token = pairing.redeem(pairing.current().code, 'test kiosk');
  if (!token) throw new Error('pairing failed');
  return {
    app,
    deps,
    dataDir,
    token,
    async dispose() {
      await queue.stop(2000);
      ledger.close();
      pairingStore.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A raw 9100 printer at the fake printer's port. */
export function rawPrinter(
  id: string,
  port: number,
  extra: { roles?: PrinterRole[]; fallback?: string; driver?: 'raw9100' | 'escpos' } = {},
): Printer {
  return printerSchema.parse({
    id,
    name: `Fake ${id}`,
    driver: extra.driver ?? 'raw9100',
    host: '127.0.0.1',
    port,
    paper: extra.driver === 'escpos' ? '80mm' : 'letter',
    roles: extra.roles ?? ['plate', 'certificate', 'atac'],
    ...(extra.fallback === undefined ? {} : { fallback: extra.fallback }),
  });
}

/**
 * Waits until `check` holds, polling. A check that throws counts as "not yet" (a folder that a
 * printer backend has not created yet, a file still being written) and is retried; when time
 * runs out, the last error is the cause of the timeout.
 */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`condition not met in time${reason}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
