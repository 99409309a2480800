import type { ServerContext } from '../context.js';
import { isRegistrySecret } from '../keys/registry-secret.js';
import { pingDatabase } from '../registry/health.repo.js';

/** What `/api/health/ready` answers: ready only when every check passed. */
export interface Readiness {
  isReady: boolean;
  checks: { database: 'ok' | 'failed'; keyset: 'ok' | 'failed' };
}

/**
 * Readiness for a load balancer: the database answers, and the keyset this process signs with
 * is still the registry's (its secret matches the stored check value, a current key is held).
 * Never says why in detail: the reasons go to the log, not to whoever asks.
 */
export async function readiness(server: ServerContext): Promise<Readiness> {
  const checks: Readiness['checks'] = { database: 'failed', keyset: 'failed' };
  try {
    await pingDatabase(server.storage.db);
    checks.database = 'ok';
    const isSameSecret = await isRegistrySecret(server.storage.db, server.secretKey);
    if (isSameSecret && server.signer.current().kid) checks.keyset = 'ok';
  } catch (error) {
    console.error(
      'comptoir: not ready:',
      error instanceof Error ? error.message : 'unknown failure',
    );
  }
  return { isReady: checks.database === 'ok' && checks.keyset === 'ok', checks };
}
