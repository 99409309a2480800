import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { readServerConfig, type ServerConfig } from './config.js';
import { openStorage, type Storage } from './db/engine.js';
import { seedDemo } from './db/demo-seed.js';
import { seedDemoAccounts } from './db/demo-seed-accounts.js';
import { parseFaults, type Faults } from './faults.js';
import { loadSecretKey, loadSigner, type Signer } from './signing.js';

/** Everything a service needs, built once per process and passed down explicitly. */
export interface ServerContext {
  config: ServerConfig;
  storage: Storage;
  signer: Signer;
  /** Encrypts bank data at rest. */
  secretKey: Buffer;
  clock: Clock;
  faults: Faults;
}

/** Opens storage (running migrations), loads keys and seeds demo data when asked. */
export async function createServerContext(
  config: ServerConfig,
  options: { clock?: Clock } = {},
): Promise<ServerContext> {
  const storage = await openStorage(config);
  const ctx: ServerContext = {
    config,
    storage,
    signer: await loadSigner(config.dataDir),
    secretKey: await loadSecretKey(config.dataDir, process.env.COMPTOIR_SECRET_KEY),
    clock: options.clock ?? systemClock,
    faults: parseFaults(config.faults),
  };
  if (config.isDemo) {
    await seedDemo(ctx);
    await seedDemoAccounts(ctx);
  }
  return ctx;
}

let shared: Promise<ServerContext> | undefined;

/**
 * The process's context, created on first use (from hooks), never at import time, so that
 * `vite build` never opens the database.
 */
export function serverContext(): Promise<ServerContext> {
  shared ??= createServerContext(readServerConfig()).catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}
