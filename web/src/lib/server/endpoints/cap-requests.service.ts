import {
  capKinds,
  capRequestCreateSchema,
  capRequestStatuses,
  licenceQuerySchema,
  type CapRequestList,
  type CapRequestView,
} from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import { refuse, requireLicenceAction } from '../http/authorize.js';
import { parseRequest } from '../http/request-input.js';
import {
  findCapRequest,
  hasPendingCapRequest,
  insertCapRequest,
  capRequestsOfLicence,
  type CapRequestRecord,
} from '../registry/caps.repo.js';

/** A stored over-cap request as the dealer and the staff see it. */
export function capRequestView(request: CapRequestRecord): CapRequestView {
  return {
    id: request.id,
    licence: request.licence,
    kind: capKinds.find((kind) => kind === request.kind) ?? 'transit',
    extraUnits: request.extraUnits,
    reason: request.reason,
    status: capRequestStatuses.find((status) => status === request.status) ?? 'pending',
    requestedAt: request.requestedAt,
    decidedAt: request.decidedAt,
    decisionReason: request.decisionReason,
    grantedUntil: request.grantedUntil,
  };
}

/**
 * `POST /api/cap-requests` (administrators, action `cap.request`): asks the authority for more
 * temporary documents than the weekly cap: going over it needs a staff approval
 * (docs/domain.md#anti-fraud-limits-and-caps). One pending request per licence and kind (`cap_request_pending`); the kiosk's id
 * makes it idempotent: the same id and content answer the stored request, another content
 * under that id is `idempotency_conflict`. Audited on the licence's chain.
 */
export async function createCapRequest(
  server: ServerContext,
  actor: SessionAccount,
  body: unknown,
): Promise<{ status: 200 | 201; request: CapRequestView }> {
  const route = 'cap_request.create';
  const input = await parseRequest(server, actor, route, capRequestCreateSchema, body);
  await requireLicenceAction(server, actor, input.licence, 'cap.request', { route });
  const now = server.clock();
  const outcome = await server.storage.writeTransaction(async (tx) => {
    // Serializes requests of one licence, so that two cannot both find no pending one.
    await server.storage.lockLicences(tx, [input.licence]);
    const existing = await findCapRequest(tx, input.id);
    if (existing) {
      const isSame =
        existing.requestedBy === actor.id &&
        existing.licence === input.licence &&
        existing.kind === input.kind &&
        existing.extraUnits === input.extraUnits &&
        existing.reason === input.reason;
      return isSame
        ? { kind: 'replay' as const, row: existing }
        : { kind: 'refused' as const, code: 'idempotency_conflict' as const };
    }
    if (await hasPendingCapRequest(tx, input.licence, input.kind)) {
      return { kind: 'refused' as const, code: 'cap_request_pending' as const };
    }
    const row: CapRequestRecord = {
      id: input.id,
      licence: input.licence,
      kind: input.kind,
      extraUnits: input.extraUnits,
      reason: input.reason,
      status: 'pending',
      requestedBy: actor.id,
      requestedAt: now.toISOString(),
      decidedBy: null,
      decidedAt: null,
      decisionReason: null,
      grantedUntil: null,
    };
    await insertCapRequest(tx, row);
    await appendAudit(tx, now, {
      event: 'cap_request.created',
      actor: actor.id,
      licence: input.licence,
      subject: input.id,
      detail: { kind: input.kind, extraUnits: input.extraUnits, reason: input.reason },
    });
    return { kind: 'created' as const, row };
  });
  if (outcome.kind === 'replay') return { status: 200, request: capRequestView(outcome.row) };
  if (outcome.kind === 'created') return { status: 201, request: capRequestView(outcome.row) };
  return refuse(
    server,
    actor,
    409,
    outcome.code,
    { route },
    { licence: input.licence, subject: input.id },
  );
}

/** `GET /api/cap-requests?licence=` (administrators): the licence's requests, newest first. */
export async function listLicenceCapRequests(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<CapRequestList> {
  const route = 'cap_request.list';
  const { licence } = await parseRequest(server, actor, route, licenceQuerySchema, query);
  await requireLicenceAction(server, actor, licence, 'cap.request', { route });
  const requests = await capRequestsOfLicence(server.storage.db, licence);
  return { items: requests.map(capRequestView) };
}
