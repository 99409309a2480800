import {
  apiError,
  issuedDocumentSchema,
  partyKey,
  partyName,
  transitExpiry,
  transitLimitRefusal,
  transitRefusal,
  type ApiError,
  type Command,
  type ErrorCode,
  type IssuedDocument,
  type Party,
} from '@comptoir/shared';
import { signOfflineDocument, type OfflineKind } from '@comptoir/shared/offline';
import type { ComptoirDb, OutboxRow } from './db';
import { readKioskKey } from './kiosk-key';
import { takeOfflineNumber, type HeldLease, type NumberRefusal } from './leases';
import { enqueueCommand } from './outbox';
import { offlineIssueTime } from './server-clock';

/** The commands a kiosk may issue from its lease. */
export type OfflineIssuableCommand = Extract<Command, { type: 'transit.issue' | 'atac.create' }>;

/** Who the paper names: the dealer (its name from the session) and the issuing person. */
export interface OfflineIssuer {
  dealerName: string;
  person: { accountId: string; name: string; operatorId?: string };
}

/** Why the kiosk did not issue offline (it queues the command as before, or refuses it). */
export type OfflineIssueRefusal =
  | { kind: 'unavailable'; reason: 'no_key' | 'no_server_time' | NumberRefusal }
  | { kind: 'refused'; error: ApiError };

const kindOfCommand = {
  'transit.issue': 'transit',
  'atac.create': 'atac',
} as const satisfies Record<OfflineIssuableCommand['type'], OfflineKind>;

/** The party as the transit paper prints it (as the server's transit handler does). */
function printedHolder(holder: Party) {
  return holder.kind === 'person'
    ? { name: partyName(holder), driverLicence: holder.driverLicence, address: holder.address }
    : { name: partyName(holder), neq: holder.neq, address: holder.address };
}

/** The party as the ATAC keeps it (as the server's ATAC handler does). */
function printedParty(party: Party) {
  return party.kind === 'person'
    ? {
        name: partyName(party),
        firstName: party.firstName,
        lastName: party.lastName,
        driverLicence: party.driverLicence,
        address: party.address,
      }
    : { name: partyName(party), neq: party.neq, address: party.address };
}

/**
 * The paper of a command issued offline: the same content the server builds online (its
 * transit and ATAC handlers), with the number from the lease, the date from the server-anchored
 * clock, and the kiosk as the signer naming the lease.
 */
export function offlineDocument(
  command: OfflineIssuableCommand,
  number: string,
  issuedAt: Date,
  held: HeldLease,
  kid: string,
  issuer: OfflineIssuer,
): IssuedDocument {
  const common = {
    schemaVersion: 1 as const,
    number,
    licence: command.licence,
    dealer: { name: issuer.dealerName, neq: held.lease.dealerNeq },
    issuedAt: issuedAt.toISOString(),
    issuedBy: {
      signer: 'kiosk' as const,
      kid,
      leaseId: held.lease.leaseId,
      person: issuer.person,
    },
  };
  if (command.type === 'transit.issue') {
    const { payload } = command;
    const { vehicle } = payload;
    const followed = payload.followsAtac;
    return issuedDocumentSchema.parse({
      ...common,
      kind: 'transit',
      expiresAt: transitExpiry(issuedAt, payload.days).toISOString(),
      vehicle: {
        vin: vehicle.vin,
        make: vehicle.make,
        model: vehicle.model,
        year: vehicle.year,
        type: vehicle.type,
        ...(vehicle.colour !== undefined && { colour: vehicle.colour }),
      },
      days: payload.days,
      reason: payload.reason,
      ...(payload.reasonText !== undefined && { reasonText: payload.reasonText }),
      holder: printedHolder(payload.holder),
      ...(followed && 'number' in followed && { atacNumber: followed.number }),
    });
  }
  const { payload } = command;
  const { vehicle } = payload;
  return issuedDocumentSchema.parse({
    ...common,
    kind: 'atac',
    transaction: payload.transaction,
    deliveryDate: payload.deliveryDate,
    vehicle: {
      vin: vehicle.vin,
      make: vehicle.make,
      model: vehicle.model,
      year: vehicle.year,
      type: vehicle.type,
      condition: vehicle.condition,
      odometerKm: vehicle.odometerKm,
      netMassKg: vehicle.netMassKg,
      ...(vehicle.colour !== undefined && { colour: vehicle.colour }),
    },
    buyers: payload.buyers.map(printedParty),
    holderIndex: payload.holderIndex,
    amounts: {
      salePriceCents: payload.salePriceCents,
      tradeInCents: payload.tradeInCents,
      gstCents: payload.gstCents,
      qstBaseCents: payload.qstBaseCents,
    },
    status: payload.status ?? 'final',
  });
}

const YEAR_MS = 365 * 24 * 3600_000;

/** A refusal naming its field (relative to the form, like the schema's paths). */
function refusal(code: ErrorCode, path: string): ApiError {
  return apiError(code, [{ path, code, message: apiError(code).message }]);
}

/**
 * The shared transit rules the kiosk can check alone: the vehicle's type (the registry's
 * category it cannot see offline), and the per-vehicle and per-customer limits over what it
 * knows, the transits it holds and those it issued or queued. Two kiosks that cannot see each
 * other may still cross a limit together: the server flags that paper at reconcile.
 */
async function localTransitRefusal(
  db: ComptoirDb,
  command: Extract<OfflineIssuableCommand, { type: 'transit.issue' }>,
  at: number,
): Promise<ApiError | undefined> {
  const { vehicle, holder } = command.payload;
  if (transitRefusal(vehicle)) {
    return refusal('transit_forbidden_category', 'vehicle');
  }
  const since = at - YEAR_MS;
  // Each transit once, by number (or command id while it waits): its customer when known.
  const transits = new Map<string, string | undefined>();
  const queued = await db.outbox.where('state').anyOf(['waiting', 'sending', 'held']).toArray();
  for (const row of queued) {
    if (row.command.type !== 'transit.issue' || row.command.payload.vehicle.vin !== vehicle.vin) {
      continue;
    }
    transits.set(row.documentNumber ?? row.id, partyKey(row.command.payload.holder));
  }
  for (const row of await db.documents.where('kind').equals('transit').toArray()) {
    if (row.document.vehicle.vin !== vehicle.vin || Date.parse(row.issuedAt) < since) continue;
    if (row.status === 'voided' || transits.has(row.number)) continue;
    transits.set(row.number, undefined);
  }
  const customer = partyKey(holder);
  const limit = transitLimitRefusal({
    vehicleCount12m: transits.size,
    sameCustomerCount12m: [...transits.values()].filter((key) => key === customer).length,
  });
  return limit ? refusal(limit, 'vehicle.vin') : undefined;
}

/**
 * Issues a transit or an ATAC from the kiosk's lease while the server is unreachable: the
 * local rules, the next number (one IndexedDB transaction), the server-anchored date, the
 * paper signed with the kiosk key, then the command queued with its offline issue (lease and
 * paper) and the paper kept for printing, in one transaction. Nothing is issued when the
 * kiosk has no key, no server time or no usable lease: the caller queues as before.
 */
export async function issueOffline(
  db: ComptoirDb,
  command: OfflineIssuableCommand,
  issuer: OfflineIssuer,
  now: { wall?: number; monotonic?: number } = {},
): Promise<{ row: OutboxRow; document: IssuedDocument } | OfflineIssueRefusal> {
  const key = await readKioskKey(db);
  if (!key) return { kind: 'unavailable', reason: 'no_key' };
  const at = await offlineIssueTime(db, now.wall, now.monotonic);
  if (at === undefined) return { kind: 'unavailable', reason: 'no_server_time' };
  if (command.type === 'transit.issue') {
    const refusal = await localTransitRefusal(db, command, at);
    if (refusal) return { kind: 'refused', error: refusal };
  }
  const taken = await takeOfflineNumber(db, command.licence, kindOfCommand[command.type], at);
  if ('refusal' in taken) return { kind: 'unavailable', reason: taken.refusal };
  const document = offlineDocument(
    command,
    taken.number,
    new Date(at),
    taken.lease,
    key.kid,
    issuer,
  );
  const jws = await signOfflineDocument(document, { key: key.key, kid: key.kid });
  const envelope = { ...command, offline: { lease: taken.lease.row.jws, document: jws } };
  const row = await db.transaction('rw', db.outbox, db.documents, async () => {
    const queued = await enqueueCommand(db, envelope, now.wall);
    await db.outbox.update(queued.id, { documentNumber: taken.number });
    await db.documents.put({
      number: taken.number,
      licence: command.licence,
      kind: document.kind,
      issuedAt: document.issuedAt,
      document,
      status: 'valid',
      jws,
      offlineLease: taken.lease.row.jws,
    });
    return { ...queued, documentNumber: taken.number };
  });
  return { row, document };
}
