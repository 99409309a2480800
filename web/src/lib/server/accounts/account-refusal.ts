import { fieldError, type ApiFieldError, type ErrorCode } from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { fail } from '../http/responses.js';

/**
 * A refusal decided inside a transaction: the transaction returns it (so nothing it wrote is
 * kept), then {@link auditAndFail} audits it and ends the request.
 */
export class AccountRefusal {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly fields: ApiFieldError[],
  ) {}
}

/** A refusal naming its failing fields (each with the same code: the rule that failed). */
export function accountRefusal(
  status: number,
  code: ErrorCode,
  paths: string[] = [],
): AccountRefusal {
  return new AccountRefusal(
    status,
    code,
    paths.map((path) => fieldError(path, code)),
  );
}

/** Audits a refusal (event `<event>.refused`) in its own transaction, then throws it. */
export async function auditAndFail(
  ctx: ServerContext,
  now: Date,
  event: string,
  refusal: AccountRefusal,
  audit: {
    actor?: string | null;
    licence?: string | null;
    subject?: string | null;
    detail?: Record<string, unknown>;
  },
): Promise<never> {
  await ctx.storage.writeTransaction((tx) =>
    appendAudit(tx, now, {
      event: `${event}.refused`,
      actor: audit.actor ?? null,
      licence: audit.licence ?? null,
      subject: audit.subject ?? null,
      detail: { code: refusal.code, ...audit.detail },
    }),
  );
  fail(refusal.status, refusal.code, refusal.fields);
}

/** Names compared as people type them: accents, case, dashes and extra spaces ignored. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
