import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { ServerConfig } from './config.js';
import { openStorage, type Storage } from './db/engine.js';
import { fillOperatorPinKeys } from './endpoints/operator-pin-key.js';
import { parseFaults, type Faults } from './faults.js';
import { openKeyset, type Keyset } from './keys/keyset.js';
import { loadRegistrySecret } from './keys/registry-secret.js';

/** Everything a service needs, built once per process and passed down explicitly. */
export interface ServerContext {
  config: ServerConfig;
  storage: Storage;
  /** The registry's one keyset (in the database, shared by every process). */
  signer: Keyset;
  /**
   * The registry secret: seals bank data and operator PINs, keys access-code hashes, and
   * (derived) seals the signing keys. The same on every process, checked at start.
   */
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
  // The secret first: a process that must refuse to start does so before touching the database.
  const secretKey = await loadRegistrySecret({
    ...config.secretKey,
    isShared: config.databaseUrl !== undefined,
    dataDir: config.dataDir,
  });
  const storage = await openStorage(config);
  const clock = options.clock ?? systemClock;
  try {
    const signer = await openKeyset({
      storage,
      secret: secretKey,
      dataDir: config.dataDir,
      now: clock,
      refreshMs: config.keysetRefreshMs,
    });
    // Operators from before migration 0020 get their PIN key (it needs the secret key).
    await fillOperatorPinKeys(storage, secretKey);
    return { config, storage, signer, secretKey, clock, faults: parseFaults(config.faults) };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
