import { fromZodError, licenceQuerySchema, type Action } from '@comptoir/shared';
import type { ServerContext } from '../context.js';
import { HttpError } from '../http/responses.js';
import { requireLicenceAction } from '../http/request-guards.js';
import type { SessionAccount } from './session.service.js';

/** The dealer behind a licence the actor administers. */
export interface AdministeredLicence {
  licence: string;
  dealerId: string;
  isAccredited: boolean;
}

/**
 * Authorizes an administration request under a licence and returns its dealer: the actor must
 * act for the licence (else 403 `licence_not_permitted`) with a role the shared matrix allows
 * for `action` (else 403 `forbidden`), as for commands; refusals audited.
 */
export async function authorizeAdministration(
  ctx: ServerContext,
  actor: SessionAccount,
  licence: string,
  action: Action,
  route: string,
): Promise<AdministeredLicence> {
  await requireLicenceAction(ctx, actor, route, licence, action);
  const row = await ctx.storage.db
    .selectFrom('licences as l')
    .innerJoin('dealers as d', 'd.id', 'l.dealer_id')
    .select(['l.number', 'd.id', 'd.is_accredited'])
    .where('l.number', '=', licence)
    .executeTakeFirstOrThrow();
  return { licence: row.number, dealerId: row.id, isAccredited: row.is_accredited === 1 };
}

/** Parses `?licence=` (400 with the field otherwise). */
export function licenceOfQuery(query: Record<string, string>): string {
  const parsed = licenceQuerySchema.safeParse(query);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  return parsed.data.licence;
}
