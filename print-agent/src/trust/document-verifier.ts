import type { IssuedDocument, OfflineIssue } from '@comptoir/shared';
import { verifyOfflineChain, type VerifiedOfflineChain } from '@comptoir/shared/offline';
import { verifyDocument } from '@comptoir/shared/tokens';
import type { ServerKeys } from './server-keys.js';

/** Verifies a document JWS; throws the shared `TokenError` when it must not print. */
export interface DocumentVerifier {
  verify(jws: string): Promise<IssuedDocument>;
  /**
   * Verifies a paper a kiosk signed offline, with its lease: server key -> lease -> kiosk key
   * -> document, the number in its block, issued inside the lease and not after the agent's
   * own clock, the lease not revoked. Throws the shared `OfflineChainError`.
   */
  verifyOffline(
    issue: OfflineIssue,
    isLeaseRevoked: (leaseId: string) => boolean,
  ): Promise<VerifiedOfflineChain>;
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
    async verifyOffline(issue, isLeaseRevoked) {
      // The agent's clock does not restart with the browser: a kiosk whose clock was set ahead
      // cannot date a paper past what the agent believes (5 minutes of tolerance).
      return verifyOfflineChain(issue, (kid) => keys.find(kid), {
        now: now(),
        clockToleranceSeconds: 300,
        isLeaseRevoked,
      });
    },
  };
}
