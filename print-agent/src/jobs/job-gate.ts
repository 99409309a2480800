import { z } from 'zod';
import { errorCatalogue, type PrintReason } from '@comptoir/shared';
import type { JobLedger } from '../queue/job-ledger.js';
import type { JobGate } from '../queue/print-queue.js';
import type { KioskPairing } from '../trust/kiosk-pairing.js';
import type { RevocationStore } from '../trust/revocation-store.js';

/** A job's reason from the shared catalogue: one code, its French and English text. */
function reasonFor(
  code: 'document_voided' | 'kiosk_pairing_revoked' | 'token_expired' | 'lease_revoked',
): PrintReason {
  return { code, ...errorCatalogue[code] };
}

/** The reason a revoked kiosk's waiting jobs end with (the admin's revoke, the gate). */
export const KIOSK_REVOKED_REASON = reasonFor('kiosk_pairing_revoked');

/** The clock tolerance of acceptance (`document-verifier.ts`), kept at the last moment too. */
const EXPIRY_TOLERANCE_MS = 120_000;

const expirySchema = z
  .object({
    expiresAt: z.string().optional(),
    issuedBy: z.object({ signer: z.string(), leaseId: z.string().optional() }).loose().optional(),
  })
  .loose();

/**
 * The agent's check before every job: a document that a kept revocation feed lists (it may
 * have been voided after the job was accepted: the kiosk synced in between), an offline paper
 * whose lease a kept feed revoked, a document that
 * expired while its job waited (a held printer), or a job whose kiosk's pairing was revoked
 * since it was queued never prints.
 *
 * @example new PrintQueue({ ..., gate: agentJobGate({ ledger, pairing, revocations }) })
 */
export function agentJobGate(deps: {
  ledger: JobLedger;
  pairing: KioskPairing;
  revocations: RevocationStore;
  now?: () => Date;
}): JobGate {
  const now = deps.now ?? (() => new Date());
  return (job) => {
    if (deps.revocations.voided(job.documentNumber) !== undefined) {
      return reasonFor('document_voided');
    }
    const printable = deps.ledger.printable(job.jobId);
    const { expiresAt, issuedBy } = expirySchema.parse(JSON.parse(printable?.documentJson ?? '{}'));
    // A kiosk's offline paper whose lease was revoked since the job was accepted (a stolen
    // kiosk): it cannot be told from a backdated one, so it never prints.
    if (
      issuedBy?.signer === 'kiosk' &&
      issuedBy.leaseId !== undefined &&
      deps.revocations.leaseRevoked(issuedBy.leaseId)
    ) {
      return reasonFor('lease_revoked');
    }
    if (
      expiresAt !== undefined &&
      new Date(expiresAt).getTime() + EXPIRY_TOLERANCE_MS < now().getTime()
    ) {
      return reasonFor('token_expired');
    }
    const kioskId = deps.ledger.kioskOf(job.jobId);
    if (kioskId !== null && !deps.pairing.isPaired(kioskId)) return KIOSK_REVOKED_REASON;
    return undefined;
  };
}
