import type { IssuedDocument } from '@comptoir/shared';

/**
 * The document the server countersigns for a paper issued offline: the content as the kiosk
 * signed and the agent printed it, under the same number, with the server as its signer (so
 * every existing verifier reads it) and the lease it came from (so a reprint still says
 * "Émis hors ligne").
 */
export function countersigned(
  paper: IssuedDocument,
  leaseId: string,
  kid: string,
  person: { accountId: string; name: string; operatorId?: string },
): IssuedDocument {
  return {
    ...paper,
    issuedBy: { signer: 'server', kid, leaseId, person: paper.issuedBy.person ?? person },
  };
}
