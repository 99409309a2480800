import {
  fromZodError,
  kioskEnrolRequestSchema,
  kioskIdParamSchema,
  kioskListQuerySchema,
  kioskLocations,
  type EnrolledKiosk,
  type KioskEnrolResponse,
} from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import { newKioskCredential } from '../accounts/kiosk-credential.js';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import { HttpError } from '../http/responses.js';
import { authorizeLicence, refuse, requireAdministration } from '../http/authorize.js';
import { findDealerName } from '../registry/account-contacts.repo.js';
import { noticeDealerAdministrators } from '../registry/notices.repo.js';
import {
  findKiosk,
  findKioskDealer,
  insertKiosk,
  kiosksOfDealer,
  replaceKiosk,
  markKioskRevoked,
  type KioskRecord,
} from '../registry/kiosks.repo.js';

function enrolledKiosk(kiosk: KioskRecord): EnrolledKiosk {
  return {
    kioskId: kiosk.id,
    name: kiosk.name,
    location: kioskLocations.find((location) => location === kiosk.location) ?? 'showroom',
    licence: kiosk.licence,
    enrolledAt: kiosk.enrolledAt,
    revokedAt: kiosk.revokedAt,
  };
}

/**
 * `POST /api/kiosks`: an administrator enrols the kiosk under the id it made for itself and
 * gets its device credential, shown this once. Enrolling the same kiosk again (a lost answer,
 * a kiosk that was revoked) keeps the one kiosk and replaces its credential: the old one stops
 * working at once. A kiosk enrolled by another dealer is refused.
 */
export async function enrolKiosk(
  server: ServerContext,
  actor: SessionAccount,
  body: unknown,
): Promise<KioskEnrolResponse> {
  const parsed = kioskEnrolRequestSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  const request = parsed.data;
  const { dealerId } = await requireAdministration(server, actor, request.licence, 'kiosk.enroll', {
    route: 'kiosk.enroll',
  });
  const now = server.clock().toISOString();
  const { credential, hash } = newKioskCredential(request.kioskId);
  const kiosk: KioskRecord = {
    id: request.kioskId,
    dealerId,
    licence: request.licence,
    name: request.name,
    location: request.location,
    credentialHash: hash,
    enrolledBy: actor.id,
    enrolledAt: now,
    revokedAt: null,
  };
  const outcome = await server.storage.writeTransaction(async (tx) => {
    const enrolledWith = await findKioskDealer(tx, request.kioskId);
    if (enrolledWith !== undefined && enrolledWith !== dealerId) return 'elsewhere' as const;
    if (enrolledWith !== undefined) await replaceKiosk(tx, kiosk);
    else await insertKiosk(tx, kiosk);
    await appendAudit(tx, server.clock(), {
      event: enrolledWith !== undefined ? 'kiosk.re_enrolled' : 'kiosk.enrolled',
      actor: actor.id,
      licence: request.licence,
      subject: request.kioskId,
      detail: { name: request.name, location: request.location },
    });
    const dealer = await findDealerName(tx, dealerId);
    await noticeDealerAdministrators(
      tx,
      dealerId,
      { kind: 'kiosk_enrolled', dealerName: dealer ?? '', kioskName: request.name, at: now },
      server.clock(),
    );
    return 'enrolled' as const;
  });
  if (outcome === 'elsewhere') {
    return refuse(
      server,
      actor,
      409,
      'kiosk_enrolled_elsewhere',
      { route: 'kiosk.enroll' },
      { subject: request.kioskId },
    );
  }
  return { kiosk: enrolledKiosk(kiosk), credential };
}

/** `GET /api/kiosks?licence=`: the kiosks of the licence's dealer, revoked ones included. */
export async function listKiosks(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<{ kiosks: EnrolledKiosk[] }> {
  const parsed = kioskListQuerySchema.safeParse(query);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  const { dealerId } = await requireAdministration(
    server,
    actor,
    parsed.data.licence,
    'kiosk.enroll',
    { route: 'kiosk.list' },
  );
  const kiosks = await kiosksOfDealer(server.storage.db, dealerId);
  return { kiosks: kiosks.map(enrolledKiosk) };
}

/**
 * `DELETE /api/kiosks/[id]`: revokes a kiosk of a dealer the actor administers; its
 * credential stops working at once. Revoking a revoked kiosk answers the same (idempotent).
 */
export async function revokeKiosk(
  server: ServerContext,
  actor: SessionAccount,
  params: Record<string, string>,
): Promise<EnrolledKiosk> {
  const parsed = kioskIdParamSchema.safeParse(params);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  const row = await findKiosk(server.storage.db, parsed.data.id);
  // Another dealer's kiosk is answered as unknown: ids are not a way to probe other dealers.
  if (!row || !authorizeLicence(actor, row.licence, 'kiosk.enroll')) {
    return refuse(server, actor, 404, 'not_found', { route: 'kiosk.revoke', kioskId: params.id });
  }
  if (row.revokedAt !== null) return enrolledKiosk(row);
  const now = server.clock();
  const revokedAt = now.toISOString();
  await server.storage.writeTransaction(async (tx) => {
    await markKioskRevoked(tx, row.id, revokedAt);
    await appendAudit(tx, now, {
      event: 'kiosk.revoked',
      actor: actor.id,
      licence: row.licence,
      subject: row.id,
      detail: { name: row.name },
    });
  });
  return enrolledKiosk({ ...row, revokedAt });
}
