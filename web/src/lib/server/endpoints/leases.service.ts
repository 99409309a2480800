import {
  LEASE_BLOCK_SIZES,
  apiError,
  fieldError,
  LEASE_DEFAULT_HOURS,
  fromZodError,
  leaseExpiryLimit,
  leaseIdParamSchema,
  leaseListQuerySchema,
  leaseRequestSchema,
  leaseRevokeRequestSchema,
  localYearOf,
  newId,
  offlineSeries,
  type ErrorCode,
  type Lease,
  type LeaseResponse,
  type LeaseView,
  type OfflineBlock,
  type OfflineKind,
} from '@comptoir/shared';
import { kioskKeyThumbprint, signLeaseWith } from '@comptoir/shared/offline';
import type { ZodError } from 'zod';
import type { KioskIdentity } from '../accounts/kiosk-credential.js';
import type { SessionAccount } from '../accounts/session.service.js';
import { appendAudit } from '../audit.js';
import { BatchState } from '../commands/batch-state.js';
import { capWindowStart, effectiveCap } from '../commands/caps.js';
import type { ServerContext } from '../context.js';
import type { Tx } from '../db/engine.js';
import {
  auditRefusal,
  authorizeLicence,
  refuse,
  requireAccountAction,
  requireAdministration,
  requireFreshReauthentication,
} from '../http/authorize.js';
import { parseRequest } from '../http/request-input.js';
import { HttpError } from '../http/responses.js';
import { findLicence, type LicenceRecord } from '../registry/licences.repo.js';
import {
  bumpDealerRevocationSequence,
  drawOfflineBlock,
  findLease,
  insertLease,
  leasesOfDealer,
  markLeaseRevoked,
  openLeaseIdsOfLicence,
  receivedPapersByLease,
  retireLease,
  unexpiredLeasesOfLicence,
  type LeaseRecord,
} from '../registry/offline-leases.repo.js';

/*
 * Offline leases (docs/sync.md#offline-issuance-leases-the-chain-reconcile): a kiosk asks for
 * one with its device credential; the dealer's administrator and staff list and revoke them.
 */

const HOUR_MS = 3600 * 1000;

/** A lease request refused: the code, its HTTP status and the field it concerns. */
class LeaseRefusal {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly path: string,
  ) {}
}

/**
 * Transits of a lease still reserved against the licence's cap: what it allows (all of it
 * while open; what the kiosk said it took once retired; nothing once revoked, its papers are
 * flagged) less the papers the server already received (they are documents, counted as such).
 */
function reservedTransits(lease: LeaseRecord, received: number): number {
  if (lease.revokedAt !== null) return 0;
  const allowed =
    lease.retiredAt === null
      ? lease.transitCap
      : Math.min(lease.transitCap, lease.retiredUsed.transit ?? 0);
  return Math.max(0, allowed - received);
}

/**
 * How many transits a new lease may reserve: the licence's weekly cap, less what it issued in
 * the last 7 days, less what every unexpired lease still reserves (three kiosks never get three
 * caps). Read under the licence's lock, so concurrent lease requests take turns.
 */
async function transitRoom(
  server: ServerContext,
  tx: Tx,
  licence: LicenceRecord,
  now: Date,
): Promise<number> {
  const batch = new BatchState(server.storage, tx, now);
  const context = { tx, now, licence, batch };
  const cap = await effectiveCap(context, 'transit');
  const issued = await batch.countDocuments(tx, {
    kind: 'transit',
    since: capWindowStart(now),
    licence: licence.number,
  });
  const leases = await unexpiredLeasesOfLicence(tx, licence.number, now.toISOString());
  const received = await receivedPapersByLease(
    tx,
    leases.map((lease) => lease.id),
  );
  const reserved = leases.reduce(
    (sum, lease) => sum + reservedTransits(lease, received.get(lease.id)?.transit ?? 0),
    0,
  );
  return cap - issued - reserved;
}

/**
 * `POST /api/kiosks/[id]/lease`: the kiosk (its device credential, checked by the route) asks
 * for a lease for its public key and the kinds it names; answers the signed lease. Numbers
 * come from the offline counters (`drawOfflineBlock`), the transit block is cut to what the
 * cap leaves; a kiosk renewing retires the lease it names (`renews`).
 */
export async function grantLease(
  server: ServerContext,
  kiosk: KioskIdentity,
  params: Record<string, string>,
  body: unknown,
): Promise<LeaseResponse> {
  const route = 'kiosk.lease';
  const refuseKiosk = async (status: number, code: ErrorCode, field?: string): Promise<never> => {
    await auditRefusal(server, {
      licence: kiosk.licence,
      subject: kiosk.id,
      detail: { code, route, ...(field !== undefined && { field }) },
    });
    throw new HttpError(
      status,
      apiError(code, field === undefined ? [] : [fieldError(field, code)]),
    );
  };
  const refuseInput = async (error: ZodError): Promise<never> => {
    const body = fromZodError(error);
    await auditRefusal(server, {
      licence: kiosk.licence,
      subject: kiosk.id,
      detail: { code: body.code, route, fields: body.fields.map((f) => `${f.path}:${f.code}`) },
    });
    throw new HttpError(400, body);
  };
  const path = leaseIdParamSchema.safeParse(params);
  if (!path.success) return refuseInput(path.error);
  // The credential proves one kiosk: it asks for itself only.
  if (path.data.id.toLowerCase() !== kiosk.id) return refuseKiosk(403, 'forbidden');
  const parsed = leaseRequestSchema.safeParse(body);
  if (!parsed.success) return refuseInput(parsed.error);
  const request = parsed.data;
  const now = server.clock();
  const issuedAt = now.toISOString();
  const expiresAt = new Date(
    Math.min(now.getTime() + LEASE_DEFAULT_HOURS * HOUR_MS, leaseExpiryLimit(now).getTime()),
  ).toISOString();
  const thumbprint = await kioskKeyThumbprint(request.publicKey);
  const { kid, rawSigningKey } = server.signer.current();
  const outcome = await server.storage.writeTransaction(async (tx) => {
    await server.storage.lockLicences(tx, [kiosk.licence]);
    const licence = await findLicence(tx, kiosk.licence);
    if (!licence) throw new Error(`licence ${kiosk.licence} of kiosk ${kiosk.id} vanished`);
    if (licence.isSuspended) return new LeaseRefusal(403, 'licence_suspended', 'licence');
    if (request.renews) {
      const previous = await findLease(tx, request.renews.leaseId);
      if (!previous || previous.kioskId !== kiosk.id) {
        return new LeaseRefusal(404, 'lease_not_found', 'renews.leaseId');
      }
      await retireLease(tx, previous.id, issuedAt, request.renews.used);
      await appendAudit(tx, now, {
        event: 'lease.retired',
        licence: licence.number,
        subject: previous.id,
        detail: { kioskId: kiosk.id, used: request.renews.used },
      });
    }
    const year = localYearOf(now);
    const blocks: OfflineBlock[] = [];
    for (const kind of request.kinds) {
      const size =
        kind === 'transit'
          ? Math.min(LEASE_BLOCK_SIZES.transit, await transitRoom(server, tx, licence, now))
          : LEASE_BLOCK_SIZES[kind];
      if (size < 1) continue;
      const series = offlineSeries[kind];
      const { first, last } = await drawOfflineBlock(tx, series, year, size);
      blocks.push({ kind, series, year, first, last, cap: size });
    }
    if (blocks.length === 0) return new LeaseRefusal(409, 'lease_cap_exhausted', 'kinds');
    const lease: Lease = {
      v: 1,
      leaseId: newId(),
      kioskId: kiosk.id,
      kioskKey: request.publicKey,
      kioskKeyThumbprint: thumbprint,
      licence: licence.number,
      dealerId: licence.dealer.id,
      dealerNeq: licence.dealer.neq,
      issuedAt,
      expiresAt,
      blocks,
    };
    const jws = await signLeaseWith(lease, rawSigningKey);
    const capOf = (kind: OfflineKind) => blocks.find((block) => block.kind === kind)?.cap ?? 0;
    await insertLease(tx, {
      id: lease.leaseId,
      kioskId: kiosk.id,
      dealerId: licence.dealer.id,
      licence: licence.number,
      keyThumbprint: thumbprint,
      issuedAt,
      expiresAt,
      blocks,
      transitCap: capOf('transit'),
      atacCap: capOf('atac'),
      jws,
      retiredAt: null,
      retiredUsed: {},
      revokedAt: null,
      revokedBy: null,
      revokedReason: null,
    });
    await appendAudit(tx, now, {
      event: 'lease.granted',
      licence: licence.number,
      subject: lease.leaseId,
      detail: { kioskId: kiosk.id, kid, thumbprint, expiresAt, blocks },
    });
    return { lease: jws };
  });
  if (outcome instanceof LeaseRefusal) {
    return refuseKiosk(outcome.status, outcome.code, outcome.path);
  }
  return outcome;
}

/** What a lease is now, for the lists. */
function leaseStatus(lease: LeaseRecord, now: Date): LeaseView['status'] {
  if (lease.revokedAt !== null) return 'revoked';
  if (lease.retiredAt !== null) return 'retired';
  return new Date(lease.expiresAt) <= now ? 'expired' : 'open';
}

async function leaseViews(tx: Tx, leases: LeaseRecord[], now: Date): Promise<LeaseView[]> {
  const received = await receivedPapersByLease(
    tx,
    leases.map((lease) => lease.id),
  );
  return leases.map((lease) => {
    const counts = received.get(lease.id) ?? {};
    return {
      leaseId: lease.id,
      kioskId: lease.kioskId,
      licence: lease.licence,
      issuedAt: new Date(lease.issuedAt).toISOString(),
      expiresAt: new Date(lease.expiresAt).toISOString(),
      blocks: lease.blocks,
      status: leaseStatus(lease, now),
      received: Object.values(counts).reduce((sum: number, n) => sum + (n ?? 0), 0),
      revokedAt: lease.revokedAt === null ? null : new Date(lease.revokedAt).toISOString(),
      revokedReason: lease.revokedReason,
    };
  });
}

/**
 * Revokes a lease in the caller's transaction and moves the dealer's revocation feed, so that
 * print agents learn it at the kiosks' next sync. Revoking a revoked lease changes nothing.
 */
export async function revokeLeaseIn(
  tx: Tx,
  now: Date,
  lease: LeaseRecord,
  revocation: { by: string; reason: string | null; event: string },
): Promise<boolean> {
  if (lease.revokedAt !== null) return false;
  await markLeaseRevoked(tx, lease.id, {
    at: now.toISOString(),
    by: revocation.by,
    reason: revocation.reason,
  });
  await bumpDealerRevocationSequence(tx, lease.dealerId);
  await appendAudit(tx, now, {
    event: revocation.event,
    actor: revocation.by,
    licence: lease.licence,
    subject: lease.id,
    detail: { kioskId: lease.kioskId, reason: revocation.reason },
  });
  return true;
}

/**
 * Revokes every lease of a licence not yet ended (a suspension: the licence must stop issuing
 * offline too), in the suspension's transaction. Returns how many were revoked.
 */
export async function revokeOpenLeasesOfLicence(
  tx: Tx,
  now: Date,
  licence: string,
  by: string,
): Promise<number> {
  let revoked = 0;
  for (const id of await openLeaseIdsOfLicence(tx, licence, now.toISOString())) {
    const lease = await findLease(tx, id);
    if (
      lease &&
      (await revokeLeaseIn(tx, now, lease, {
        by,
        reason: 'licence_suspended',
        event: 'lease.revoked',
      }))
    ) {
      revoked += 1;
    }
  }
  return revoked;
}

/** `GET /api/leases?licence=`: the dealer's leases (its administrators). */
export async function listLeases(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<{ leases: LeaseView[] }> {
  const route = 'lease.list';
  const { licence } = await parseRequest(server, actor, route, leaseListQuerySchema, query);
  const { dealerId } = await requireAdministration(server, actor, licence, 'kiosk.enroll', {
    route,
  });
  const db = server.storage.db;
  return { leases: await leaseViews(db, await leasesOfDealer(db, dealerId), server.clock()) };
}

/**
 * `POST /api/leases/[id]/revoke`: an administrator of the lease's dealer revokes it (a stolen
 * kiosk). Another dealer's lease is answered as unknown. Idempotent.
 */
export async function revokeLeaseAsAdministrator(
  server: ServerContext,
  actor: SessionAccount,
  params: Record<string, string>,
  body: unknown,
): Promise<LeaseView> {
  const route = 'lease.revoke';
  const { id } = await parseRequest(server, actor, route, leaseIdParamSchema, params);
  const { reason } = await parseRequest(server, actor, route, leaseRevokeRequestSchema, body);
  const lease = await findLease(server.storage.db, id);
  if (!lease || !authorizeLicence(actor, lease.licence, 'kiosk.enroll')) {
    return refuse(server, actor, 404, 'not_found', { route, leaseId: id });
  }
  return revokeAndView(server, actor, lease, reason ?? null);
}

async function revokeAndView(
  server: ServerContext,
  actor: SessionAccount,
  lease: LeaseRecord,
  reason: string | null,
): Promise<LeaseView> {
  const now = server.clock();
  return server.storage.writeTransaction(async (tx) => {
    const current = (await findLease(tx, lease.id)) ?? lease;
    await revokeLeaseIn(tx, now, current, { by: actor.id, reason, event: 'lease.revoked' });
    const after = (await findLease(tx, lease.id)) ?? current;
    const [view] = await leaseViews(tx, [after], now);
    if (!view) throw new Error(`lease ${lease.id} has no view`);
    return view;
  });
}

/** `GET /api/staff/leases?licence=`: the leases of a licence's dealer (authority staff). */
export async function listLeasesForStaff(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<{ leases: LeaseView[] }> {
  const route = 'staff.lease.list';
  await requireAccountAction(server, actor, 'staff.suspend_licence', { route });
  const { licence } = await parseRequest(server, actor, route, leaseListQuerySchema, query);
  const db = server.storage.db;
  const found = await findLicence(db, licence);
  if (!found) return refuse(server, actor, 404, 'licence_unknown', { route });
  return {
    leases: await leaseViews(db, await leasesOfDealer(db, found.dealer.id), server.clock()),
  };
}

/** `POST /api/staff/leases/[id]/revoke`: staff revoke any lease (fresh re-authentication). */
export async function revokeLeaseAsStaff(
  server: ServerContext,
  actor: SessionAccount,
  params: Record<string, string>,
  body: unknown,
): Promise<LeaseView> {
  const route = 'staff.lease.revoke';
  await requireAccountAction(server, actor, 'staff.suspend_licence', { route });
  const { id } = await parseRequest(server, actor, route, leaseIdParamSchema, params);
  const { reason } = await parseRequest(server, actor, route, leaseRevokeRequestSchema, body);
  await requireFreshReauthentication(server, actor, { route });
  const lease = await findLease(server.storage.db, id);
  if (!lease) return refuse(server, actor, 404, 'not_found', { route, leaseId: id });
  return revokeAndView(server, actor, lease, reason ?? null);
}
