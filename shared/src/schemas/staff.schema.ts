import { z } from 'zod';
import { codedRefinement } from '../errors.js';
import { capRequestStatuses, capRequestViewSchema } from './registry-queries.schema.js';
import {
  isoDateSchema,
  isoDateTimeSchema,
  licenceNumberSchema,
  textSchema,
  wholeNumberSchema,
} from './primitives.schema.js';

/** Why staff acted: kept in the licence's audit chain. */
const staffReasonSchema = textSchema(500);

/**
 * `POST /api/staff/licences/[number]/suspend` and `/reinstate`: the reason, kept in the
 * audit. Suspending takes effect at once: every issuing command under the licence is refused.
 */
export const licenceStatusChangeSchema = z.object({ reason: staffReasonSchema }).strict();
/** A suspension or reinstatement (parsed). */
export type LicenceStatusChange = z.infer<typeof licenceStatusChangeSchema>;

/** The highest weekly cap staff may set (far above any dealer's real volume). */
export const MAX_STAFF_CAP = 100_000;

/**
 * `PUT /api/staff/licences/[number]/caps`: the weekly caps on transits and provisional
 * plates; `null` goes back to the default from the licence's sales history.
 */
export const licenceCapsSchema = z
  .object({
    transitCap: wholeNumberSchema(0, MAX_STAFF_CAP).nullable(),
    plateCap: wholeNumberSchema(0, MAX_STAFF_CAP).nullable(),
    reason: staffReasonSchema.optional(),
  })
  .strict();
/** Caps to set (parsed). */
export type LicenceCaps = z.infer<typeof licenceCapsSchema>;

/** A licence as staff see it after acting on it. */
export const licenceStateSchema = z
  .object({
    number: z.string(),
    isSuspended: z.boolean(),
    transitCap: z.number().nullable(),
    plateCap: z.number().nullable(),
  })
  .strict();
/** A licence's state. */
export type LicenceState = z.infer<typeof licenceStateSchema>;

/** `POST /api/staff/cap-requests/[id]/approve|refuse`: an optional word for the dealer. */
export const capDecisionSchema = z.object({ reason: staffReasonSchema.optional() }).strict();
/** A decision on an over-cap request (parsed). */
export type CapDecision = z.infer<typeof capDecisionSchema>;

/** `GET /api/staff/cap-requests?status=&licence=`: pending requests by default. */
export const capRequestListQuerySchema = z
  .object({
    status: z.enum(capRequestStatuses).optional(),
    licence: licenceNumberSchema.optional(),
  })
  .strict();
/** A cap-request listing query (parsed). */
export type CapRequestListQuery = z.infer<typeof capRequestListQuerySchema>;

/** The answer of the cap-request listing (oldest first: the queue order). */
export const capRequestListSchema = z.object({ items: z.array(capRequestViewSchema) }).strict();
/** A cap-request listing. */
export type CapRequestList = z.infer<typeof capRequestListSchema>;

/** `POST /api/staff/documents/[number]/void`: why the document no longer counts. */
export const documentVoidSchema = z.object({ reason: staffReasonSchema }).strict();
/** A void order (parsed). */
export type DocumentVoid = z.infer<typeof documentVoidSchema>;

/** The answer of a void: the document is voided since `voidedAt` (the first void's time). */
export const documentVoidResultSchema = z
  .object({
    number: z.string(),
    status: z.literal('voided'),
    voidedAt: isoDateTimeSchema,
    reason: z.string(),
  })
  .strict();
/** A void's answer. */
export type DocumentVoidResult = z.infer<typeof documentVoidResultSchema>;

/** The largest audit page. */
export const AUDIT_PAGE_MAX = 100;

/** A positive whole number written in a query string. */
const queryNumberSchema = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number)
    .pipe(wholeNumberSchema(min, max));

/**
 * `GET /api/staff/audit?licence=&actor=&event=&from=&to=&before=&limit=`: the audit log,
 * newest first. `actor` is an account id or a username; `event` matches an event or its family (`document`
 * matches `document.issued` and `document.voided`); `from`/`to` are local calendar days,
 * inclusive; `before` is the `nextBefore` of the previous page; `limit` at most
 * {@link AUDIT_PAGE_MAX} (50 by default).
 */
export const auditQuerySchema = z
  .object({
    licence: licenceNumberSchema.optional(),
    actor: z.string().trim().min(1).max(100).optional(),
    /** What a row is about: a document number, a VIN, a command id (exact; any case for numbers and VINs). */
    subject: z.string().trim().min(1).max(100).optional(),
    event: z
      .string()
      .trim()
      .regex(/^[a-z_.]{1,60}$/)
      .optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    before: queryNumberSchema(1, Number.MAX_SAFE_INTEGER).optional(),
    limit: queryNumberSchema(1, AUDIT_PAGE_MAX).optional(),
  })
  .strict()
  .refine(
    (query) => query.from === undefined || query.to === undefined || query.from <= query.to,
    codedRefinement('audit_window_reversed', ['from'], ['from', 'to']),
  );
/** An audit query (parsed). */
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** One audit row as staff read it. */
export const auditEntrySchema = z
  .object({
    id: z.number(),
    at: isoDateTimeSchema,
    event: z.string(),
    actor: z.string().nullable(),
    /** The acting account's name as the registry knows it (to read the row as a sentence). */
    actorName: z.string().nullable().optional(),
    licence: z.string().nullable(),
    subject: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .strict();
/** An audit row. */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** One page of the audit log; `nextBefore` asks for the next (older) page, null at the end. */
export const auditPageSchema = z
  .object({ items: z.array(auditEntrySchema), nextBefore: z.number().nullable() })
  .strict();
/** An audit page. */
export type AuditPage = z.infer<typeof auditPageSchema>;
