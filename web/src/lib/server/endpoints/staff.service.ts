import {
  TIME_ZONE,
  auditQuerySchema,
  capDecisionSchema,
  capGrantExpiry,
  capRequestListQuerySchema,
  documentNumberSchema,
  documentVoidSchema,
  licenceCapsSchema,
  licenceNumberSchema,
  licenceStatusChangeSchema,
  uuidv7Schema,
  type Action,
  type AuditEntry,
  type AuditPage,
  type CapRequestList,
  type CapRequestView,
  type DocumentVoidResult,
  type LicenceState,
} from '@comptoir/shared';
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { appendAudit } from '../audit.js';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import type { Tx } from '../db/engine.js';
import { capRequestView } from './cap-requests.service.js';
import { revokeOpenLeasesOfLicence } from './leases.service.js';
import { refuse, requireAccountAction, requireFreshReauthentication } from '../http/authorize.js';
import { parseRequest } from '../http/request-input.js';
import { findAccountIdByUsername } from '../registry/accounts.repo.js';
import { accountNamesOf, auditEntries } from '../registry/audit-log.repo.js';
import {
  capRequestQueue,
  findCapRequestLicence,
  getCapRequest,
  recordCapDecision,
  type CapDecision,
} from '../registry/caps.repo.js';
import {
  findDocument,
  findDocumentVoid,
  insertDocumentVoid,
  voidDocument as markDocumentVoided,
  type DocumentVoidRecord,
} from '../registry/documents.repo.js';
import {
  bumpChangeSeq,
  findLicence,
  writeLicenceCaps,
  writeLicenceSuspension,
} from '../registry/licences.repo.js';

/*
 * The authority staff's actions (role `authority_staff`, docs/domain.md#authority-staff): each
 * write needs a re-authentication within 5 minutes
 * (docs/domain.md#re-authentication-for-sensitive-actions), is audited
 * on the licence's chain, and is idempotent by nature (setting a state twice is that state).
 */

/** Checks a staff write: role, then input, then a fresh re-authentication. */
async function staffWrite<T>(
  server: ServerContext,
  actor: SessionAccount,
  route: string,
  action: Action,
  schema: z.ZodType<T>,
  body: unknown,
): Promise<T> {
  await requireAccountAction(server, actor, action, { route });
  const input = await parseRequest(server, actor, route, schema, body);
  await requireFreshReauthentication(server, actor, { route });
  return input;
}

const licencePathSchema = z.object({ number: licenceNumberSchema }).strict();
const capRequestPathSchema = z.object({ id: uuidv7Schema }).strict();
const documentPathSchema = z.object({ number: documentNumberSchema }).strict();

async function licenceState(tx: Tx, number: string): Promise<LicenceState | undefined> {
  const licence = await findLicence(tx, number);
  return (
    licence && {
      number: licence.number,
      isSuspended: licence.isSuspended,
      transitCap: licence.transitCap,
      plateCap: licence.plateCap,
    }
  );
}

/**
 * Runs a staff change of one licence in one transaction, its row locked (so that a push
 * batch of that licence sees the change whole, before or after): `change` gets the current
 * state and returns the audit detail, or null when the licence is unknown.
 */
async function changeLicence(
  server: ServerContext,
  actor: SessionAccount,
  route: string,
  number: string,
  event: string,
  change: (tx: Tx, before: LicenceState) => Promise<Record<string, unknown>>,
): Promise<LicenceState> {
  const now = server.clock();
  const after = await server.storage.writeTransaction(async (tx) => {
    await server.storage.lockLicences(tx, [number]);
    const before = await licenceState(tx, number);
    if (!before) return undefined;
    const detail = await change(tx, before);
    await appendAudit(tx, now, { event, actor: actor.id, licence: number, detail });
    return licenceState(tx, number);
  });
  if (!after) return refuse(server, actor, 404, 'licence_unknown', { route });
  return after;
}

/** `GET /api/staff/licences/[number]`: whether the licence is suspended and its staff-set caps. */
export async function viewLicence(
  server: ServerContext,
  actor: SessionAccount,
  rawNumber: string,
): Promise<LicenceState> {
  const route = 'staff.licence.view';
  await requireAccountAction(server, actor, 'staff.suspend_licence', { route });
  const { number } = await parseRequest(server, actor, route, licencePathSchema, {
    number: rawNumber,
  });
  const state = await licenceState(server.storage.db, number);
  return state ?? refuse(server, actor, 404, 'licence_unknown', { route });
}

/**
 * `POST /api/staff/licences/[number]/suspend` and `/reinstate`: a suspended licence has every
 * issuing command refused `licence_suspended` from its next batch on (the push reads the
 * flag under the licence's lock). Suspending a suspended licence changes nothing (audited
 * with `changed: false`).
 */
export async function setLicenceSuspension(
  server: ServerContext,
  actor: SessionAccount,
  rawNumber: string,
  body: unknown,
  isSuspended: boolean,
): Promise<LicenceState> {
  const route = isSuspended ? 'staff.licence.suspend' : 'staff.licence.reinstate';
  const { reason } = await staffWrite(
    server,
    actor,
    route,
    'staff.suspend_licence',
    licenceStatusChangeSchema,
    body,
  );
  const { number } = await parseRequest(server, actor, route, licencePathSchema, {
    number: rawNumber,
  });
  return changeLicence(
    server,
    actor,
    route,
    number,
    isSuspended ? 'licence.suspended' : 'licence.reinstated',
    async (tx, before) => {
      await writeLicenceSuspension(tx, number, isSuspended);
      // A suspended licence stops issuing offline too: its open leases are revoked at once
      // and go out in the revocation feed (a reinstatement grants none back).
      const leasesRevoked = isSuspended
        ? await revokeOpenLeasesOfLicence(tx, server.clock(), number, actor.id)
        : 0;
      return {
        reason,
        changed: before.isSuspended !== isSuspended,
        ...(leasesRevoked > 0 && { leasesRevoked }),
      };
    },
  );
}

/**
 * `PUT /api/staff/licences/[number]/caps`: the weekly caps on transits and provisional plates
 * (null: back to the default from sales history). Audited with the caps before and after.
 */
export async function setLicenceCaps(
  server: ServerContext,
  actor: SessionAccount,
  rawNumber: string,
  body: unknown,
): Promise<LicenceState> {
  const route = 'staff.licence.caps';
  const caps = await staffWrite(server, actor, route, 'staff.set_cap', licenceCapsSchema, body);
  const { number } = await parseRequest(server, actor, route, licencePathSchema, {
    number: rawNumber,
  });
  return changeLicence(server, actor, route, number, 'licence.caps_set', async (tx, before) => {
    await writeLicenceCaps(tx, number, caps);
    return {
      before: { transitCap: before.transitCap, plateCap: before.plateCap },
      after: { transitCap: caps.transitCap, plateCap: caps.plateCap },
      ...(caps.reason !== undefined && { reason: caps.reason }),
    };
  });
}

/** `GET /api/staff/cap-requests?status=&licence=`: pending requests by default, oldest first. */
export async function listCapRequests(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<CapRequestList> {
  const route = 'staff.cap_request.list';
  await requireAccountAction(server, actor, 'staff.approve_over_cap', { route });
  const filter = await parseRequest(server, actor, route, capRequestListQuerySchema, query);
  const requests = await capRequestQueue(server.storage.db, {
    status: filter.status ?? 'pending',
    licence: filter.licence,
  });
  return { items: requests.map(capRequestView) };
}

/**
 * `POST /api/staff/cap-requests/[id]/approve|refuse`: decides a pending request. Approved
 * units count on top of the cap for 7 days (shared `CAP_GRANT_DAYS`). Deciding again the same
 * way answers the request as it stands; the other way is 409 `cap_request_decided`.
 */
export async function decideCapRequest(
  server: ServerContext,
  actor: SessionAccount,
  rawId: string,
  body: unknown,
  decision: 'approved' | 'refused',
): Promise<CapRequestView> {
  const route = decision === 'approved' ? 'staff.cap_request.approve' : 'staff.cap_request.refuse';
  const { reason } = await staffWrite(
    server,
    actor,
    route,
    'staff.approve_over_cap',
    capDecisionSchema,
    body,
  );
  const { id } = await parseRequest(server, actor, route, capRequestPathSchema, { id: rawId });
  const now = server.clock();
  const { storage } = server;
  const outcome = await storage.writeTransaction(async (tx) => {
    const licence = await findCapRequestLicence(tx, id);
    if (licence === undefined) {
      return { kind: 'refused' as const, code: 'cap_request_unknown' as const };
    }
    // The licence's lock orders this decision with the licence's push batches and other staff.
    await storage.lockLicences(tx, [licence]);
    const current = await getCapRequest(tx, id);
    if (current.status === decision) return { kind: 'decided' as const, row: current };
    if (current.status !== 'pending') {
      return {
        kind: 'refused' as const,
        code: 'cap_request_decided' as const,
        licence: current.licence,
      };
    }
    const decided: CapDecision = {
      status: decision,
      decidedBy: actor.id,
      decidedAt: now.toISOString(),
      decisionReason: reason ?? null,
      grantedUntil: decision === 'approved' ? capGrantExpiry(now).toISOString() : null,
    };
    await recordCapDecision(tx, id, decided);
    await appendAudit(tx, now, {
      event: `cap_request.${decision}`,
      actor: actor.id,
      licence: current.licence,
      subject: id,
      detail: {
        kind: current.kind,
        extraUnits: current.extraUnits,
        grantedUntil: decided.grantedUntil,
        ...(reason !== undefined && { reason }),
      },
    });
    return { kind: 'decided' as const, row: { ...current, ...decided } };
  });
  if (outcome.kind === 'decided') return capRequestView(outcome.row);
  const status = outcome.code === 'cap_request_unknown' ? 404 : 409;
  return refuse(
    server,
    actor,
    status,
    outcome.code,
    { route },
    { subject: id, ...('licence' in outcome && { licence: outcome.licence }) },
  );
}

/**
 * `POST /api/staff/documents/[number]/void`: the document no longer counts (caps and limits
 * skip it) and verifies as voided (`/verifier/[number]`). The licence's change counter moves
 * with it, as when a document is issued, so that kiosks pull the new status. Voiding a voided
 * document answers the first void.
 */
export async function voidDocument(
  server: ServerContext,
  actor: SessionAccount,
  rawNumber: string,
  body: unknown,
): Promise<DocumentVoidResult> {
  const route = 'staff.document.void';
  const { reason } = await staffWrite(
    server,
    actor,
    route,
    'staff.void_document',
    documentVoidSchema,
    body,
  );
  const parsed = await parseRequest(server, actor, route, documentPathSchema, {
    number: rawNumber,
  });
  const number = parsed.number.toUpperCase();
  const now = server.clock();
  const { storage } = server;
  const outcome = await storage.writeTransaction(async (tx) => {
    const document = await findDocument(tx, number);
    if (!document) return undefined;
    await storage.lockLicences(tx, [document.licence]);
    const voided = await findDocumentVoid(tx, number);
    if (voided) return voided;
    // The licence row is locked: no push batch of this licence can draw a value in between.
    const changeSeq = await bumpChangeSeq(tx, document.licence);
    await markDocumentVoided(tx, number, changeSeq);
    const record: DocumentVoidRecord = {
      documentNumber: number,
      reason,
      voidedBy: actor.id,
      voidedAt: now.toISOString(),
    };
    await insertDocumentVoid(tx, record);
    await appendAudit(tx, now, {
      event: 'document.voided',
      actor: actor.id,
      licence: document.licence,
      subject: number,
      detail: { reason },
    });
    return record;
  });
  if (!outcome) return refuse(server, actor, 404, 'not_found', { route }, { subject: number });
  return {
    number: outcome.documentNumber,
    status: 'voided',
    voidedAt: outcome.voidedAt,
    reason: outcome.reason,
  };
}

/** First instant (UTC ISO) of a local calendar day in the registry's time zone. */
function startOfLocalDay(date: string, plusDays = 0): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(new TZDate(year, month - 1, day + plusDays, TIME_ZONE).getTime()).toISOString();
}

function parseDetail(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}

/**
 * `GET /api/staff/audit?licence=&actor=&event=&from=&to=&before=&limit=`: the audit log,
 * newest first, one bounded page at a time (see shared `auditQuerySchema`). The read itself is
 * audited (who read what), after the page is taken.
 */
export async function readAudit(
  server: ServerContext,
  actor: SessionAccount,
  query: Record<string, string>,
): Promise<AuditPage> {
  const route = 'staff.audit.read';
  await requireAccountAction(server, actor, 'staff.read_audit', { route });
  const filter = await parseRequest(server, actor, route, auditQuerySchema, query);
  const limit = filter.limit ?? 50;
  const { db } = server.storage;
  // A person is named by account id or by username.
  const actorId = filter.actor
    ? ((await findAccountIdByUsername(db, filter.actor)) ?? filter.actor)
    : undefined;
  // One more than the page: whether it comes back tells whether a next page exists.
  const rows = await auditEntries(
    db,
    {
      licence: filter.licence,
      actor: actorId,
      subject: filter.subject,
      eventFamily: filter.event,
      from: filter.from ? startOfLocalDay(filter.from) : undefined,
      to: filter.to ? startOfLocalDay(filter.to, 1) : undefined,
      beforeId: filter.before,
    },
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const names = await accountNamesOf(
    db,
    page.flatMap((row) => (row.actor ? [row.actor] : [])),
  );
  const items: AuditEntry[] = page.map((row) => ({
    id: row.id,
    at: row.at,
    event: row.event,
    actor: row.actor,
    actorName: row.actor ? (names.get(row.actor) ?? null) : null,
    licence: row.licence,
    subject: row.subject,
    detail: parseDetail(row.detailJson),
  }));
  const now = server.clock();
  await server.storage.writeTransaction((tx) =>
    appendAudit(tx, now, {
      event: 'audit.read',
      actor: actor.id,
      detail: { filter: { ...filter } },
    }),
  );
  const last = items[items.length - 1];
  return { items, nextBefore: rows.length > limit && last ? last.id : null };
}
