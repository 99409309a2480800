import {
  apiError,
  CommandRejection,
  fieldError,
  offlineCommandTypeOfKind,
  partyKey,
  reject,
  type ApiError,
  type AppliedResult,
  type Command,
  type ErrorCode,
  type OfflineIssue,
} from '@comptoir/shared';
import { OfflineChainError, verifyOfflineChain } from '@comptoir/shared/offline';
import type { KioskIdentity } from '../../accounts/kiosk-credential.js';
import { sha256Hex } from '../../hash.js';
import {
  findLease,
  findOfflinePaper,
  insertOfflinePaper,
  receivedPapersByLease,
  type LeaseRecord,
} from '../../registry/offline-leases.repo.js';
import type { CommandContext, OfflineFacts } from '../command-context.js';
import { issueDocument } from '../issue-document.js';

/*
 * Reconcile (docs/sync.md#offline-issuance-leases-the-chain-reconcile): a command carrying a
 * paper a kiosk issued offline. A chain that does not hold (forged lease, another key, a
 * number outside the block, a date outside the lease) is rejected: no agent prints it. A valid
 * chain was handed to a customer: the paper becomes an ordinary document under its number,
 * countersigned by the server, and when it breaks a rule the kiosk could not see it is kept,
 * counted and flagged, never dropped, never issued again under another number.
 */

/** A reconciled command's result; `flag` set when the paper was kept but breaks a rule. */
export type ReconciledResult = AppliedResult & { flag?: ApiError };

type OfflineCommand = Extract<Command, { type: 'transit.issue' | 'atac.create' }> & {
  offline: OfflineIssue;
};

function isOfflineIssuable(command: Command): command is OfflineCommand {
  return (Object.values(offlineCommandTypeOfKind) as string[]).includes(command.type);
}

function flag(code: ErrorCode, path = 'offline.document'): ApiError {
  return apiError(code, [fieldError(path, code)]);
}

/** The per-customer key the limits count by, as the online handler computes it. */
function customerKeyOf(command: OfflineCommand): string | null {
  if (command.type === 'transit.issue') return partyKey(command.payload.holder);
  const holder = command.payload.buyers[command.payload.holderIndex];
  return holder ? partyKey(holder) : null;
}

/** Numbers of `kind` the lease allows: all while open; what the kiosk said it took once retired. */
function allowedOf(lease: LeaseRecord, kind: 'transit' | 'atac'): number {
  const cap = kind === 'transit' ? lease.transitCap : lease.atacCap;
  return lease.retiredAt === null ? cap : Math.min(cap, lease.retiredUsed[kind] ?? 0);
}

/**
 * Why a valid chain's paper breaks a lease rule the kiosk may not have known, or null: a
 * revoked lease, a paper dated after the kiosk renewed, more papers than the lease allowed.
 */
async function leaseRuleBroken(
  c: Omit<CommandContext, 'command'>,
  lease: LeaseRecord,
  kind: 'transit' | 'atac',
  issuedAt: string,
): Promise<ErrorCode | null> {
  if (lease.revokedAt !== null) return 'lease_revoked';
  if (lease.retiredAt !== null && Date.parse(issuedAt) >= Date.parse(lease.retiredAt)) {
    return 'offline_issued_outside_lease';
  }
  const received = (await receivedPapersByLease(c.tx, [lease.id])).get(lease.id)?.[kind] ?? 0;
  return received >= allowedOf(lease, kind) ? 'offline_cap_exceeded' : null;
}

/**
 * Reconciles a command that carries an offline paper: checks the chain and the lease, runs
 * the command's own handler with the offline facts (`runHandler`: the same rules as online,
 * the paper's number and content instead of new ones), records the paper, and audits.
 */
export async function reconcileOffline(
  c: Omit<CommandContext, 'command'>,
  kiosk: KioskIdentity | null,
  command: Command,
  runHandler: (offline: OfflineFacts) => Promise<AppliedResult>,
): Promise<ReconciledResult> {
  if (!isOfflineIssuable(command) || command.offline === undefined) {
    reject('offline_not_issuable', ['offline']);
  }
  let chain;
  try {
    // The keys this process holds (the resolver may read the database, whose one SQLite
    // connection the batch's transaction holds).
    const { signer } = c.server;
    const serverKey = (kid: string) =>
      signer.isRevoked(kid) ? undefined : signer.jwks().keys.find((key) => key.kid === kid);
    chain = await verifyOfflineChain(command.offline, serverKey, {
      now: c.now,
      checkExpiry: false,
    });
  } catch (error) {
    if (!(error instanceof OfflineChainError)) throw error;
    const path = error.code === 'lease_invalid' ? 'offline.lease' : 'offline.document';
    throw new CommandRejection(flag(error.code, path));
  }
  const { document, lease: signedLease, kind } = chain;
  const expectedType = offlineCommandTypeOfKind[kind];
  const payloadVin = command.payload.vehicle.vin;
  if (
    command.type !== expectedType ||
    document.vehicle.vin !== payloadVin ||
    signedLease.licence !== command.licence ||
    (kiosk !== null && kiosk.id !== signedLease.kioskId)
  ) {
    reject('offline_command_mismatch', ['offline.document']);
  }
  const lease = await findLease(c.tx, signedLease.leaseId);
  if (!lease) reject('lease_invalid', ['offline.lease']);

  const contentHash = sha256Hex(command.offline.document.split('.')[1] ?? '');
  const known = await findOfflinePaper(c.tx, document.number);
  const summary = {
    kind,
    number: document.number,
    ...(document.expiresAt !== undefined && { expiresAt: document.expiresAt }),
  };
  if (known) {
    // The same paper again (a second push, another kiosk relaying it): one document, as before.
    if (known.contentHash === contentHash) {
      return {
        documents: [summary],
        ...(known.reason !== null && { flag: flag(known.reason as ErrorCode) }),
      };
    }
    // A second paper under a number already used: both were handed over. The first stays the
    // document; this one is kept in the audit chain, whole, and flagged.
    await auditOffline(c, command, 'offline.flagged', {
      code: 'offline_number_reused',
      leaseId: lease.id,
      number: document.number,
      paper: command.offline.document,
    });
    return { documents: [], flag: flag('offline_number_reused') };
  }

  const facts: OfflineFacts = { document, leaseId: lease.id };
  const broken = await leaseRuleBroken(c, lease, kind, document.issuedAt);
  let result: AppliedResult | undefined;
  let reason: ErrorCode | null = broken;
  if (broken === null) {
    try {
      result = await runHandler(facts);
    } catch (error) {
      if (!(error instanceof CommandRejection)) throw error;
      // The rule the kiosk could not see (another kiosk's transits for the same vehicle...).
      reason = error.error.code as ErrorCode;
    }
  }
  if (result === undefined) {
    const issued = await issueDocument(
      { ...c, command, offline: facts },
      {
        kind,
        vin: payloadVin,
        customerKey: customerKeyOf(command),
        build: () => document,
      },
    );
    result = { documents: [issued] };
  }
  await insertOfflinePaper(c.tx, {
    number: document.number,
    leaseId: lease.id,
    kind,
    commandId: command.id,
    contentHash,
    status: reason === null ? 'reconciled' : 'flagged',
    reason,
    receivedAt: c.now.toISOString(),
  });
  await auditOffline(c, command, reason === null ? 'offline.reconciled' : 'offline.flagged', {
    leaseId: lease.id,
    number: document.number,
    ...(reason !== null && { code: reason, paper: command.offline.document }),
  });
  return reason === null ? result : { ...result, flag: flag(reason) };
}

async function auditOffline(
  c: Omit<CommandContext, 'command'>,
  command: Command,
  event: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await c.batch.audit.append(c.tx, {
    event,
    actor: c.actor.id,
    licence: c.licence.number,
    subject: command.id,
    detail,
  });
}
