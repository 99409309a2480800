import {
  auditPageSchema,
  auditQuerySchema,
  capDecisionSchema,
  capRequestListSchema,
  documentVoidResultSchema,
  documentVoidSchema,
  fromZodError,
  licenceCapsSchema,
  licenceNumberSchema,
  licenceStateSchema,
  licenceStatusChangeSchema,
  type AuditPage,
  type CapRequestList,
  type DocumentVoidResult,
  type LicenceState,
} from '@comptoir/shared';
import { z } from 'zod';
import { toNumber } from '$lib/forms/form-values';
import { requestJson } from './online-call';
import type { ActionResult } from './result';

// The authority staff's actions: each body parsed by its shared schema before it leaves, so
// a mistyped field is named at once; then the server parses, authorizes and audits again.

function invalid<T>(error: z.ZodError): Promise<ActionResult<T>> {
  return Promise.resolve({ ok: false, error: fromZodError(error) });
}

const licenceTarget = z.object({ licence: licenceNumberSchema });

/** A licence as it stands (suspended or not, its caps): looked up before any staff act on it. */
export function fetchLicence(licence: string): Promise<ActionResult<LicenceState>> {
  const target = licenceTarget.safeParse({ licence });
  if (!target.success) return invalid(target.error);
  return requestJson(
    'GET',
    `/api/staff/licences/${encodeURIComponent(target.data.licence)}`,
    licenceStateSchema,
  );
}

/** Suspends (or reinstates) a licence at once, with the reason kept in its audit chain. */
export function setLicenceSuspended(
  licence: string,
  isSuspended: boolean,
  reason: string,
): Promise<ActionResult<LicenceState>> {
  const target = licenceTarget.safeParse({ licence });
  if (!target.success) return invalid(target.error);
  const body = licenceStatusChangeSchema.safeParse({ reason });
  if (!body.success) return invalid(body.error);
  const verb = isSuspended ? 'suspend' : 'reinstate';
  return requestJson(
    'POST',
    `/api/staff/licences/${encodeURIComponent(target.data.licence)}/${verb}`,
    licenceStateSchema,
    body.data,
  );
}

/** Sets a licence's weekly caps; a blank cap goes back to the default from its sales. */
export function setLicenceCaps(
  licence: string,
  caps: { transitCap: string; plateCap: string; reason: string },
): Promise<ActionResult<LicenceState>> {
  const target = licenceTarget.safeParse({ licence });
  if (!target.success) return invalid(target.error);
  const body = licenceCapsSchema.safeParse({
    transitCap: caps.transitCap.trim() ? toNumber(caps.transitCap) : null,
    plateCap: caps.plateCap.trim() ? toNumber(caps.plateCap) : null,
    ...(caps.reason.trim() ? { reason: caps.reason } : {}),
  });
  if (!body.success) return invalid(body.error);
  return requestJson(
    'PUT',
    `/api/staff/licences/${encodeURIComponent(target.data.licence)}/caps`,
    licenceStateSchema,
    body.data,
  );
}

/** Over-cap requests, pending ones by default (oldest first: the queue order). */
export function listCapRequests(
  status: 'pending' | 'approved' | 'refused' = 'pending',
): Promise<ActionResult<CapRequestList>> {
  return requestJson(
    'GET',
    `/api/staff/cap-requests?${new URLSearchParams({ status }).toString()}`,
    capRequestListSchema,
  );
}

/** Approves or refuses an over-cap request, with an optional word for the dealer. */
export function decideCapRequest(
  id: string,
  decision: 'approve' | 'refuse',
  reason: string,
): Promise<ActionResult<unknown>> {
  const body = capDecisionSchema.safeParse(reason.trim() ? { reason } : {});
  if (!body.success) return invalid(body.error);
  return requestJson(
    'POST',
    `/api/staff/cap-requests/${encodeURIComponent(id)}/${decision}`,
    z.unknown(),
    body.data,
  );
}

/** Voids a document: it no longer counts, and its public status says so. */
export function voidDocument(
  number: string,
  reason: string,
): Promise<ActionResult<DocumentVoidResult>> {
  const target = z.object({ number: z.string().trim().min(1).max(40) }).safeParse({ number });
  if (!target.success) return invalid(target.error);
  const body = documentVoidSchema.safeParse({ reason });
  if (!body.success) return invalid(body.error);
  return requestJson(
    'POST',
    `/api/staff/documents/${encodeURIComponent(target.data.number)}/void`,
    documentVoidResultSchema,
    body.data,
  );
}

/** Audit filters as typed (blank means no filter). */
export interface AuditFilters {
  licence: string;
  actor: string;
  /** What the rows are about: a document number, a VIN. */
  subject: string;
  event: string;
  from: string;
  to: string;
}

/** One page of the audit log, newest first; `before` continues after the previous page. */
export function readAudit(
  filters: AuditFilters,
  before?: number,
): Promise<ActionResult<AuditPage>> {
  const query = Object.fromEntries(
    Object.entries({ ...filters, ...(before ? { before: String(before) } : {}) })
      .map(([key, value]) => [key, value.trim()] as const)
      .filter(([, value]) => value !== ''),
  );
  const parsed = auditQuerySchema.safeParse(query);
  if (!parsed.success) return invalid(parsed.error);
  return requestJson(
    'GET',
    `/api/staff/audit?${new URLSearchParams(query).toString()}`,
    auditPageSchema,
  );
}
