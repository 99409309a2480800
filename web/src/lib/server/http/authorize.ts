import {
  apiError,
  can,
  canOnLicence,
  roleOn,
  fieldError,
  type Action,
  type ApiError,
  type ApiFieldError,
  type ErrorCode,
} from '@comptoir/shared';
import { appendAudit, type AuditEvent } from '../audit.js';
import { hasFreshReauthentication } from '../accounts/reauthentication.js';
import type { SessionAccount } from '../accounts/session.service.js';
import type { ServerContext } from '../context.js';
import { findLicence } from '../registry/licences.repo.js';
import { HttpError } from './responses.js';

/*
 * Who may do what, and the audited refusal: every endpoint, account service and route asks
 * here. The answer is the shared permission matrix (`can`, docs/domain.md#roles-and-permissions);
 * every refusal is audited (one `*.refused` row) before the request ends with its catalogue
 * code. Commands are authorized by the pipeline, on the same matrix.
 */

// The questions: `authorize*` answers, without side effect.

/** True when the account acts for `licence` (whatever its role there). */
export function actsFor(actor: SessionAccount, licence: string): boolean {
  return roleOn(actor.licences, licence) !== undefined;
}

/**
 * True when the account may perform `action` under `licence`: it must act for the licence,
 * and its role there must allow the action.
 */
export function authorizeLicence(actor: SessionAccount, licence: string, action: Action): boolean {
  return canOnLicence(actor.licences, licence, action);
}

/** True when the account's own role allows `action` (the staff's actions name no licence). */
export function authorizeAccount(actor: SessionAccount, action: Action): boolean {
  return can(actor.role, action);
}

// The audited refusal.

/** What a refusal's audit row says besides its code (always in `detail`). */
export interface RefusalRecord {
  /** The event; `request.refused` unless named. */
  event?: string;
  actor?: string | null;
  /** A licence named on the row puts the row on that licence's chain (else: system chain). */
  licence?: string | null;
  subject?: string | null;
  detail?: Record<string, unknown>;
}

/** Writes a refusal's audit row in its own transaction (`at`: the server's clock by default). */
export async function auditRefusal(
  server: ServerContext,
  record: RefusalRecord & { detail: Record<string, unknown> },
  at: Date = server.clock(),
): Promise<void> {
  const { event = 'request.refused', ...entry } = record;
  const row: AuditEvent = { event, ...entry };
  await server.storage.writeTransaction((tx) => appendAudit(tx, at, row));
}

/** Audits the refusal, then ends the request with `status` and the error. */
async function auditAndFail(
  server: ServerContext,
  status: number,
  error: ApiError,
  record: RefusalRecord,
  at?: Date,
): Promise<never> {
  await auditRefusal(server, { ...record, detail: { code: error.code, ...record.detail } }, at);
  throw new HttpError(status, error);
}

/**
 * Refuses a signed-in account's request: audits `request.refused` with the code and `detail`
 * (usually the route), then ends the request with `status` and the code (or the full error,
 * its fields included). The row goes on the system chain unless `row.licence` names the
 * licence the refusal concerns: a request may name a licence the actor has nothing to do with.
 */
export async function refuse(
  server: ServerContext,
  actor: SessionAccount,
  status: number,
  error: ErrorCode | ApiError,
  detail: Record<string, unknown>,
  row: { licence?: string; subject?: string } = {},
): Promise<never> {
  const body = typeof error === 'string' ? apiError(error) : error;
  return auditAndFail(server, status, body, { actor: actor.id, ...row, detail });
}

/**
 * A refusal decided inside a transaction: the transaction returns it (so nothing it wrote is
 * kept), then {@link refuseDecided} audits it and ends the request.
 */
export class Refusal {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly fields: ApiFieldError[],
  ) {}
}

/** A refusal naming its failing fields (each with the same code: the rule that failed). */
export function refusal(status: number, code: ErrorCode, paths: string[] = []): Refusal {
  return new Refusal(
    status,
    code,
    paths.map((path) => fieldError(path, code)),
  );
}

/**
 * Audits a refusal decided earlier (`event`, at `now`: the instant the request was decided
 * on; the actor may be nobody yet, as at sign-up), then ends the request with it.
 */
export async function refuseDecided(
  server: ServerContext,
  now: Date,
  event: string,
  decided: Refusal,
  record: Omit<RefusalRecord, 'event'>,
): Promise<never> {
  const error = apiError(decided.code, decided.fields);
  return auditAndFail(server, decided.status, error, { ...record, event }, now);
}

// The guards: `require*` asks, and refuses (audited) when the answer is no.

/** Where a guard refused, as its audit row names it: the route, or the action. */
export type RefusalSite = { route: string } | { action: Action };

/**
 * Requires the actor to act for `licence` with a role that may do `action`: 403
 * `licence_not_permitted` when it does not act for the licence, 403 `forbidden` when its role
 * there may not; both audited.
 */
export async function requireLicenceAction(
  server: ServerContext,
  actor: SessionAccount,
  licence: string,
  action: Action,
  site: RefusalSite,
): Promise<void> {
  if (!actsFor(actor, licence)) {
    await refuse(server, actor, 403, 'licence_not_permitted', { ...site, licence });
  } else if (!authorizeLicence(actor, licence, action)) {
    await refuse(server, actor, 403, 'forbidden', { ...site, licence });
  }
}

/** Requires the account's own role to allow `action` (staff actions): 403 `forbidden`, audited. */
export async function requireAccountAction(
  server: ServerContext,
  actor: SessionAccount,
  action: Action,
  site: RefusalSite,
): Promise<void> {
  if (!authorizeAccount(actor, action)) await refuse(server, actor, 403, 'forbidden', site);
}

/**
 * Requires a re-authentication within the last 5 minutes for a sensitive action
 * (docs/domain.md#re-authentication-for-sensitive-actions): 403 `reauthentication_required`,
 * audited.
 */
export async function requireFreshReauthentication(
  server: ServerContext,
  actor: SessionAccount,
  site: RefusalSite,
): Promise<void> {
  if (!hasFreshReauthentication(actor, server.clock())) {
    await refuse(server, actor, 403, 'reauthentication_required', site);
  }
}

/** The dealer behind a licence the actor administers. */
export interface AdministeredLicence {
  licence: string;
  dealerId: string;
  isAccredited: boolean;
}

/**
 * Authorizes an administration request under a licence ({@link requireLicenceAction}) and
 * returns the licence's dealer.
 */
export async function requireAdministration(
  server: ServerContext,
  actor: SessionAccount,
  licence: string,
  action: Action,
  site: RefusalSite,
): Promise<AdministeredLicence> {
  await requireLicenceAction(server, actor, licence, action, site);
  const found = await findLicence(server.storage.db, licence);
  if (!found) throw new Error(`licence ${licence} vanished while authorized`);
  return {
    licence: found.number,
    dealerId: found.dealer.id,
    isAccredited: found.dealer.isAccredited,
  };
}
