import {
  cancellationReasons,
  fieldError,
  fromZodError,
  listQuerySchema,
  registrationRequestSchema,
  registrationStatuses,
  resolveListingWindow,
  type RegistrationList,
  type RegistrationSummary,
  type RegistrationView,
} from '@comptoir/shared';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import type { RegistrationTable } from '../db/registrations.tables.js';
import { HttpError, fail } from '../http/responses.js';
import { authorizeLicence, refuse } from '../http/authorize.js';
import { documentsOfCommands, envelopeOf } from '../registry/documents.repo.js';
import {
  findPlateOrderOfRegistration,
  plateDeliveryOf,
  plateOrdersOfRegistrations,
  type PlateOrderRow,
} from '../registry/plate-orders.repo.js';
import { findStoredRegistration, registrationsCreatedIn } from '../registry/registrations.repo.js';
import { nextDay, startOfLocalDay } from './listing.service.js';
import { cancellableUntil } from '../commands/registration/registration-rules.js';
import { quoteRegistration } from '../commands/registration/registration-fees.js';

/*
 * What the kiosk's registration screens read: a listing of a licence's registrations and one
 * registration with every document it produced. Accredited employees of the licence only
 * (`vehicle.register`); another dealer's number answers like an unknown one.
 */

function summaryOf(row: RegistrationTable, plateOrder?: PlateOrderRow): RegistrationSummary {
  const request: unknown = JSON.parse(row.request_json);
  const status = registrationStatuses.find((candidate) => candidate === row.status);
  if (!status) throw new Error(`unknown registration status in database: ${row.status}`);
  const reasonCode = cancellationReasons.find((reason) => reason === row.cancel_reason_code);
  const until = cancellableUntil(row);
  return {
    number: row.number,
    licence: row.licence,
    status,
    request: registrationRequestSchema.parse(request),
    holdCommandId: row.hold_command_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.confirmed_at !== null && { confirmedAt: row.confirmed_at }),
    ...(row.plate_number !== null && { plateNumber: row.plate_number }),
    ...(row.fees_cents !== null && { feesCents: Number(row.fees_cents) }),
    ...(until !== undefined && { cancellableUntil: until }),
    ...(row.cancelled_at !== null && { cancelledAt: row.cancelled_at }),
    ...(reasonCode !== undefined && { cancelReasonCode: reasonCode }),
    ...(row.cancel_reason_text !== null && { cancelReasonText: row.cancel_reason_text }),
    ...(plateOrder && { metalPlate: plateDeliveryOf(plateOrder) }),
  };
}

/** The order a registration issues its papers in (one batch instant: the clock cannot tell). */
const issueOrder = [
  'provisional_plate',
  'registration_certificate',
  'proof_of_service',
  'proof_of_cancellation',
];

/**
 * `GET /api/registrations?licence=&from=&to=`: the licence's registrations saved (created) in
 * a window of local calendar days (7 by default, at most 30), newest first.
 */
export async function listRegistrations(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<RegistrationList> {
  const parsed = listQuerySchema.safeParse(query);
  if (!parsed.success) {
    const tooLong = parsed.error.issues.some(
      (issue) => issue.code === 'custom' && issue.params?.code === 'listing_window_too_long',
    );
    throw new HttpError(
      400,
      fromZodError(parsed.error, tooLong ? 'listing_window_too_long' : 'invalid_input'),
    );
  }
  const { licence } = parsed.data;
  if (!authorizeLicence(actor, licence, 'vehicle.register')) {
    await refuse(server, actor, 403, 'licence_not_permitted', {
      route: 'registration.list',
      licence,
    });
  }
  const window = resolveListingWindow(parsed.data, server.clock());
  if (typeof window === 'string') fail(400, window, [fieldError('from', window)]);
  const rows = await registrationsCreatedIn(server.storage.db, {
    licence,
    from: startOfLocalDay(window.from),
    to: startOfLocalDay(nextDay(window.to)),
  });
  const plateOrders = await plateOrdersOfRegistrations(
    server.storage.db,
    rows.map((row) => row.number),
  );
  return { ...window, items: rows.map((row) => summaryOf(row, plateOrders.get(row.number))) };
}

/**
 * `GET /api/registrations/[number]`: one registration with its documents (signatures and
 * live status) and, on hold, its fee quote (the summary shown before confirming), authorized on
 * its own licence. Unknown or not permitted -> 404.
 */
export async function viewRegistration(
  server: ServerContext,
  actor: SessionAccount,
  number: string,
): Promise<RegistrationView> {
  const { db } = server.storage;
  const row = await findStoredRegistration(db, number.trim().toUpperCase());
  if (!row || !authorizeLicence(actor, row.licence, 'vehicle.register')) {
    // Another dealer's number answers like an unknown one, but the attempt is audited.
    if (row) {
      await refuse(server, actor, 404, 'not_found', {
        route: 'registration.view',
        number: row.number,
      });
    }
    fail(404, 'not_found');
  }
  const commandIds = [row.confirm_command_id, row.cancel_command_id].filter(
    (id): id is string => id !== null,
  );
  const documents = commandIds.length === 0 ? [] : await documentsOfCommands(db, commandIds);
  const now = server.clock();
  const plateOrder = await findPlateOrderOfRegistration(db, row.number);
  const summary = summaryOf(row, plateOrder);
  // The summary the client is shown before confirming, computed as the confirmation will.
  const feeQuote =
    summary.status === 'on_hold'
      ? await quoteRegistration(db, {
          licence: row.licence,
          vehicleType: summary.request.vehicle.type,
          now,
        })
      : undefined;
  return {
    ...summary,
    ...(feeQuote && { feeQuote }),
    documents: documents
      .sort((a, b) => issueOrder.indexOf(a.kind) - issueOrder.indexOf(b.kind))
      .map((document) => envelopeOf(document, now)),
  };
}
