import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { AgentSettings } from './config/agent-settings.js';
import { createDriver } from './drivers/create-driver.js';
import type { Faults } from './faults.js';
import { createLogger } from './log/logger.js';
import { machineHostNames } from './http/host-guard.js';
import { JobLedger } from './queue/job-ledger.js';
import { PrintQueue } from './queue/print-queue.js';
import type { DocumentRenderer } from './render/document-renderer.js';
import { createDocumentVerifier } from './trust/document-verifier.js';
import { KioskPairing, type PairingCode } from './trust/kiosk-pairing.js';
import { PairingStore } from './trust/pairing-store.js';
import { RevocationStore } from './trust/revocation-store.js';
import { agentJobGate } from './jobs/job-gate.js';
import { ServerKeys } from './trust/server-keys.js';

/** A running agent: its address and a clean stop. */
export interface RunningAgent {
  url: string;
  pairing: KioskPairing;
  /**
   * Stops listening, lets sends in flight finish (or persist as `sending`), closes the ledger
   * and the pairing store.
   */
  stop(): Promise<void>;
}

/**
 * Wires the agent from its settings and starts it: ledger, drivers, queue (resuming unfinished
 * jobs), server keys (cached, refreshed in the background), pairing, HTTP server.
 */
export async function startAgent(
  settings: AgentSettings,
  options: {
    renderer: DocumentRenderer;
    faults: Faults;
    log?: (line: string) => void;
    /** Whether the log reaches a person's terminal (default: stdout is a TTY). */
    isTerminal?: boolean;
    /** The JSON lines per request and per job (default: pino on stdout). */
    logger?: Logger;
  },
): Promise<RunningAgent> {
  const log = options.log ?? ((line: string) => console.log(line));
  // Before anything can fail (a port in use): a secret made now must not be lost with the start.
  if (settings.isAdminSecretNew)
    log(newAdminSecretNotice(settings, options.isTerminal ?? process.stdout.isTTY));
  const logger = options.logger ?? createLogger();
  const ledger = new JobLedger(settings.dataDir);
  const drivers = new Map(settings.printers.map((p) => [p.id, createDriver(p, settings.dataDir)]));
  const showCode = (code: PairingCode): void =>
    log(`Code de jumelage / Pairing code: ${code.code} (until ${code.expiresAt.toISOString()})`);
  const pairingStore = new PairingStore(settings.dataDir);
  const pairing = new KioskPairing(pairingStore, { onRotate: showCode });
  const revocations = new RevocationStore(settings.dataDir);
  const queue = new PrintQueue({
    ledger,
    printers: [...drivers].map(([id, driver]) => ({ id, driver })),
    renderer: options.renderer,
    faults: options.faults,
    logger,
    gate: agentJobGate({ ledger, pairing, revocations }),
  });
  const keys = new ServerKeys({
    dataDir: settings.dataDir,
    jwksUrl: settings.jwksUrl,
    pinnedKeys: settings.pinnedKeys,
  });
  const serverOrigin = new URL(settings.jwksUrl).origin;
  const app = createApp({
    ledger,
    queue,
    verifier: createDocumentVerifier(keys),
    keys,
    pairing,
    revocations,
    printers: settings.printers,
    drivers,
    adminSecret: settings.adminSecret,
    allowedOrigins: settings.allowedOrigins,
    allowedHosts: [settings.host, ...settings.allowedHosts, ...machineHostNames()],
    serverOrigin,
    logger,
  });

  const resumed = queue.start();
  if (resumed.toCheck > 0)
    log(`${resumed.toCheck} job(s) interrupted while sending are now "to check"`);
  // Every 5 minutes too: a revocation of a key already known arrives no other way.
  const stopKeyRefresh = keys.refreshEvery(5 * 60_000);
  void keys
    .refresh()
    .then((ok) =>
      log(
        ok
          ? 'Server keys fetched'
          : `Server keys not reachable at ${settings.jwksUrl}: using the cache (${keys.count()} key(s))`,
      ),
    );

  const tls = settings.tls;
  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve(
      {
        fetch: app.fetch,
        hostname: settings.host,
        port: settings.port,
        ...(tls
          ? {
              createServer: createHttpsServer,
              serverOptions: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) },
            }
          : {}),
      },
      () => resolve(started),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const url = `${tls ? 'https' : 'http'}://${settings.host}:${port}`;
  log(`Agent d’impression / Print agent listening on ${url}`);
  showCode(pairing.current());

  return {
    url,
    pairing,
    async stop() {
      stopKeyRefresh();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue.stop();
      ledger.close();
      pairingStore.close();
    },
  };
}

/**
 * What the log says about an admin secret made at this start: the secret itself only when a
 * person reads the terminal (a journal or a log file keeps it forever), else where it is.
 */
export function newAdminSecretNotice(
  settings: Pick<AgentSettings, 'adminSecret' | 'adminSecretFile'>,
  isTerminal: boolean,
): string {
  const file = settings.adminSecretFile ?? 'the data dir';
  return isTerminal
    ? `Secret d’administration / Admin secret (shown once, kept in ${file}, mode 0600): ${settings.adminSecret}`
    : `Secret d’administration créé / Admin secret made: read it in ${file} (mode 0600)`;
}
