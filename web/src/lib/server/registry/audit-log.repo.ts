import type { Tx } from '../db/engine.js';

/*
 * Reads of the audit log, for the staff (appending goes through `appendAudit`, which keeps
 * each chain's hashes). Ids grow with every append, so they page the log newest first.
 */

/** One audit row as stored; its hash chain stays in the database. */
export interface AuditRecord {
  id: number;
  /** ISO instant. */
  at: string;
  event: string;
  actor: string | null;
  licence: string | null;
  subject: string | null;
  /** The event's detail as stored (a JSON object). */
  detailJson: string;
}

/** Which audit rows a page covers: every condition set must hold. */
export interface AuditFilter {
  licence?: string | undefined;
  /** An account id. */
  actor?: string | undefined;
  /** The row's subject, as typed or upper-cased (document numbers and VINs are upper case). */
  subject?: string | undefined;
  /** An event or its family: `document` is `document` and every `document.` event. */
  eventFamily?: string | undefined;
  /** ISO instant, included. */
  from?: string | undefined;
  /** ISO instant, excluded. */
  to?: string | undefined;
  /** Only rows before this id (the previous page's last id). */
  beforeId?: number | undefined;
}

/** Audit rows that match the filter, newest first (by id), at most `limit`. */
export async function auditEntries(
  tx: Tx,
  filter: AuditFilter,
  limit: number,
): Promise<AuditRecord[]> {
  let select = tx.selectFrom('audit_log').selectAll();
  if (filter.licence) select = select.where('licence', '=', filter.licence);
  if (filter.actor) select = select.where('actor', '=', filter.actor);
  const { subject } = filter;
  if (subject)
    select = select.where('subject', 'in', [...new Set([subject, subject.toUpperCase()])]);
  const family = filter.eventFamily;
  if (family) {
    // The event or its family: `document` is `document` or in [`document.`, `document/`),
    // since '/' is the character after '.' (a range, where LIKE would read '_' as a wildcard).
    select = select.where((eb) =>
      eb.or([
        eb('event', '=', family),
        eb.and([eb('event', '>=', `${family}.`), eb('event', '<', `${family}/`)]),
      ]),
    );
  }
  if (filter.from) select = select.where('at', '>=', filter.from);
  if (filter.to) select = select.where('at', '<', filter.to);
  if (filter.beforeId !== undefined) select = select.where('id', '<', filter.beforeId);
  const rows = await select.orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    id: Number(row.id),
    at: row.at,
    event: row.event,
    actor: row.actor,
    licence: row.licence,
    subject: row.subject,
    detailJson: row.detail_json,
  }));
}

/** The display names of these accounts (the journal names people, never their ids). */
export async function accountNamesOf(
  tx: Tx,
  accountIds: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(accountIds)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .selectFrom('accounts')
    .select(['id', 'display_name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}
