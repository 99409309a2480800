import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { ServerConfig } from './config.js';
import { openStorage, type Storage } from './db/engine.js';
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

/**
 * Opens storage (running migrations) and loads keys. Demo data is the start path's business
 * (`start.ts`), never the context's: the context knows no demo.
 */
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
  return ctx;
}
