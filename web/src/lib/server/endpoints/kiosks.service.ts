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
import type { KioskTable } from '../db/kiosks.tables.js';
import { HttpError } from '../http/responses.js';
import { authorizeLicence, refuse, requireAdministration } from '../http/authorize.js';

function enrolledKiosk(row: KioskTable): EnrolledKiosk {
  return {
    kioskId: row.id,
    name: row.name,
    location: kioskLocations.find((location) => location === row.location) ?? 'showroom',
    licence: row.licence,
    enrolledAt: row.enrolled_at,
    revokedAt: row.revoked_at,
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
  const row: KioskTable = {
    id: request.kioskId,
    dealer_id: dealerId,
    licence: request.licence,
    name: request.name,
    location: request.location,
    credential_hash: hash,
    enrolled_by: actor.id,
    enrolled_at: now,
    revoked_at: null,
  };
  const outcome = await server.storage.writeTransaction(async (tx) => {
    const existing = await tx
      .selectFrom('kiosks')
      .select(['dealer_id'])
      .where('id', '=', request.kioskId)
      .executeTakeFirst();
    if (existing && existing.dealer_id !== dealerId) return 'elsewhere' as const;
    if (existing) {
      const { id: _id, ...changes } = row;
      await tx.updateTable('kiosks').set(changes).where('id', '=', row.id).execute();
    } else {
      await tx.insertInto('kiosks').values(row).execute();
    }
    await appendAudit(tx, server.clock(), {
      event: existing ? 'kiosk.re_enrolled' : 'kiosk.enrolled',
      actor: actor.id,
      licence: request.licence,
      subject: request.kioskId,
      detail: { name: request.name, location: request.location },
    });
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
  return { kiosk: enrolledKiosk(row), credential };
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
  const rows = await server.storage.db
    .selectFrom('kiosks')
    .selectAll()
    .where('dealer_id', '=', dealerId)
    .orderBy('enrolled_at')
    .orderBy('id')
    .execute();
  return { kiosks: rows.map(enrolledKiosk) };
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
  const row = await server.storage.db
    .selectFrom('kiosks')
    .selectAll()
    .where('id', '=', parsed.data.id)
    .executeTakeFirst();
  // Another dealer's kiosk is answered as unknown: ids are not a way to probe other dealers.
  if (!row || !authorizeLicence(actor, row.licence, 'kiosk.enroll')) {
    return refuse(server, actor, 404, 'not_found', { route: 'kiosk.revoke', kioskId: params.id });
  }
  if (row.revoked_at !== null) return enrolledKiosk(row);
  const now = server.clock();
  const revoked = { ...row, revoked_at: now.toISOString() };
  await server.storage.writeTransaction(async (tx) => {
    await tx
      .updateTable('kiosks')
      .set({ revoked_at: revoked.revoked_at })
      .where('id', '=', row.id)
      .where('revoked_at', 'is', null)
      .execute();
    await appendAudit(tx, now, {
      event: 'kiosk.revoked',
      actor: actor.id,
      licence: row.licence,
      subject: row.id,
      detail: { name: row.name },
    });
  });
  return enrolledKiosk(revoked);
}
