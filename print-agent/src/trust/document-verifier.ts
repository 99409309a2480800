import type { IssuedDocument } from '@comptoir/shared';
import { verifyDocument } from '@comptoir/shared/tokens';
import type { ServerKeys } from './server-keys.js';

/** Verifies a document JWS; throws the shared `TokenError` when it must not print. */
export interface DocumentVerifier {
  verify(jws: string): Promise<IssuedDocument>;
}

/**
 * Verification with the shared token code against the server's keys. Two minutes of clock
 * tolerance: the agent's clock and the server's drift apart on a LAN box.
 */
export function createDocumentVerifier(
  keys: ServerKeys,
  now: () => Date = () => new Date(),
): DocumentVerifier {
  return {
    async verify(jws) {
      const { document } = await verifyDocument(jws, (kid) => keys.find(kid), {
        now: now(),
        clockToleranceSeconds: 120,
      });
      return document;
    },
  };
}
