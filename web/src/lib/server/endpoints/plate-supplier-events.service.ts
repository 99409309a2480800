import { timingSafeEqual } from 'node:crypto';
import {
  nextPlateState,
  plateEventSchema,
  plateOrderStates,
  signSupplierEvent,
  SUPPLIER_SIGNATURE_TOLERANCE_SECONDS,
  type ErrorCode,
} from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { fail } from '../http/responses.js';
import { enqueueNotice } from '../registry/notices.repo.js';
import { recordPlateEvent } from '../registry/plate-events.repo.js';
import { findPlateOrder, updatePlateOrder } from '../registry/plate-orders.repo.js';

/** The signed request as received: its two headers and the raw body (signed byte for byte). */
export interface SignedSupplierRequest {
  timestamp: string | null;
  signature: string | null;
  rawBody: string;
}

async function refuseEvent(
  server: ServerContext,
  status: number,
  code: ErrorCode,
  detail: Record<string, unknown> = {},
): Promise<never> {
  await server.storage.writeTransaction((tx) =>
    appendAudit(tx, server.clock(), {
      event: 'plate_supplier.event_refused',
      detail: { code, ...detail },
    }),
  );
  fail(status, code);
}

/**
 * `POST /api/plate-supplier/events`: one step of a plate's journey, from the supplier. Refused
 * (and audited) when unsigned, signed with another secret, timestamped more than 5 minutes
 * from the server's clock, or already received (its event id): a captured request cannot be
 * replayed, nor re-signed with a fresh timestamp without the secret. Then the plate moves
 * forward (never back), and a shipping e-mail is queued for a client who gave an address.
 */
export async function receivePlateEvent(
  server: ServerContext,
  secret: string,
  request: SignedSupplierRequest,
): Promise<{ received: true }> {
  if (!request.timestamp || !request.signature) {
    return refuseEvent(server, 401, 'webhook_unsigned');
  }
  const timestamp = Number(request.timestamp);
  // The signature's time is the transport's: the wall clock, as the supplier's is (the
  // server's business clock may be set elsewhere in tests).
  const nowSeconds = Date.now() / 1000;
  if (
    !Number.isInteger(timestamp) ||
    Math.abs(nowSeconds - timestamp) > SUPPLIER_SIGNATURE_TOLERANCE_SECONDS
  ) {
    return refuseEvent(server, 401, 'webhook_timestamp_stale', {
      timestamp: request.timestamp.slice(0, 20),
    });
  }
  const expected = Buffer.from(await signSupplierEvent(secret, timestamp, request.rawBody));
  const given = Buffer.from(request.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return refuseEvent(server, 401, 'webhook_signature_invalid');
  }
  let json: unknown;
  try {
    json = JSON.parse(request.rawBody);
  } catch {
    return refuseEvent(server, 400, 'invalid_input');
  }
  const parsed = plateEventSchema.safeParse(json);
  if (!parsed.success) return refuseEvent(server, 400, 'invalid_input');
  const event = parsed.data;
  const outcome = await server.storage.writeTransaction(async (tx) => {
    const order = await findPlateOrder(tx, event.orderId);
    if (!order) return 'unknown' as const;
    const now = server.clock();
    const isNew = await recordPlateEvent(tx, {
      eventId: event.eventId,
      orderId: event.orderId,
      type: event.type,
      receivedAt: now.toISOString(),
    });
    if (!isNew) return 'replayed' as const;
    const state = plateOrderStates.find((known) => known === order.state) ?? 'ordered';
    const next = nextPlateState(state, event.type);
    if (next) {
      await updatePlateOrder(tx, order.id, {
        state: next,
        ...(event.type === 'shipped' && { tracking_number: event.trackingNumber }),
        updated_at: now.toISOString(),
      });
    }
    await appendAudit(tx, now, {
      event: `plate_order.${event.type}`,
      licence: order.licence,
      subject: order.registration_number,
      detail: { orderId: order.id, eventId: event.eventId, applied: next !== null },
    });
    const isShippedToClient =
      event.type === 'shipped' && next !== null && order.cancel_requested_at === null;
    if (isShippedToClient && order.client_email) {
      await enqueueNotice(
        tx,
        {
          to: { email: order.client_email, language: order.client_language === 'en' ? 'en' : 'fr' },
          notice: {
            kind: 'plate_shipped',
            plateNumber: order.plate_number,
            trackingNumber: event.trackingNumber,
          },
        },
        now,
      );
    }
    return 'applied' as const;
  });
  if (outcome === 'unknown') {
    return refuseEvent(server, 404, 'plate_order_unknown', { eventId: event.eventId });
  }
  if (outcome === 'replayed') {
    return refuseEvent(server, 409, 'webhook_replayed', { eventId: event.eventId });
  }
  return { received: true };
}
