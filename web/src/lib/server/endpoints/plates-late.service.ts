import {
  licenceNumberSchema,
  plateLateReasons,
  type LatePlate,
  type LatePlateList,
} from '@comptoir/shared';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import { requireAccountAction, requireLicenceAction } from '../http/authorize.js';
import { fail } from '../http/responses.js';
import { awaitedPlateOrders, plateDeliveryOf } from '../registry/plate-orders.repo.js';

/**
 * `GET /api/plates/late?licence=` (the licence's people) or `GET /api/plates/late` (staff, every
 * licence): the metal plates not delivered 20 days after confirmation, or whose provisional
 * plate expires within 7 days with no delivery (the shared rule `plateLateReasons`), oldest
 * confirmation first.
 */
export async function listLatePlates(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<LatePlateList> {
  let scope: string[] | 'all';
  if (query.licence === undefined) {
    await requireAccountAction(server, actor, 'staff.read_audit', { route: 'plates.late' });
    scope = 'all';
  } else {
    const licence = licenceNumberSchema.safeParse(query.licence);
    if (!licence.success) fail(400, 'invalid_licence_number');
    await requireLicenceAction(server, actor, licence.data, 'document.list', {
      route: 'plates.late',
    });
    scope = [licence.data];
  }
  const now = server.clock();
  const rows = await awaitedPlateOrders(server.storage.db, scope);
  const items: LatePlate[] = [];
  for (const row of rows) {
    const delivery = plateDeliveryOf(row);
    const reasons = plateLateReasons(
      {
        state: delivery.state,
        confirmedAt: new Date(row.confirmed_at),
        provisionalExpiresAt: new Date(row.provisional_expires_at),
      },
      now,
    );
    if (reasons.length === 0) continue;
    items.push({
      registrationNumber: row.registration_number,
      licence: row.licence,
      plateNumber: row.plate_number,
      delivery,
      reasons,
    });
  }
  return { items };
}
