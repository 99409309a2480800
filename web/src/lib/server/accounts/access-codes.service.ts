import { randomInt } from 'node:crypto';
import {
  accessCodeIssueSchema,
  fromZodError,
  newId,
  type IssuedAccessCode,
} from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import { HttpError } from '../http/responses.js';
import {
  refusal,
  refuseDecided,
  requireAccountAction,
  requireFreshReauthentication,
} from '../http/authorize.js';
import type { SessionAccount } from './session.service.js';
import { accessCodeHash } from './signup.service.js';

/** An access code is valid this many days after it is issued. */
export const ACCESS_CODE_DAYS = 30;

// No I, O, 0 or 1: a code read aloud or copied by hand cannot be misread.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new personal access code: 8 letters and digits from a cryptographic source. */
export function newAccessCode(): string {
  let code = '';
  for (let index = 0; index < 8; index += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * `POST /api/staff/access-codes` (action `staff.issue_access_code`, a staff action: fresh
 * re-authentication required): issues an accredited dealer's employee their personal access
 * code. The code is answered once and only its keyed hash is kept.
 */
export async function issueAccessCode(
  ctx: ServerContext,
  actor: SessionAccount,
  body: unknown,
): Promise<IssuedAccessCode> {
  const site = { action: 'staff.issue_access_code' } as const;
  await requireAccountAction(ctx, actor, 'staff.issue_access_code', site);
  const now = ctx.clock();
  await requireFreshReauthentication(ctx, actor, site);
  const parsed = accessCodeIssueSchema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, fromZodError(parsed.error));
  const input = parsed.data;
  const dealer = await ctx.storage.db
    .selectFrom('dealers')
    .select(['id', 'name', 'is_accredited'])
    .where('neq', '=', input.neq)
    .executeTakeFirst();
  if (!dealer || dealer.is_accredited !== 1) {
    return refuseDecided(
      ctx,
      now,
      'access_code.refused',
      refusal(422, dealer ? 'dealer_not_accredited' : 'signup_not_a_dealer', ['neq']),
      { actor: actor.id, detail: { neq: input.neq } },
    );
  }
  const code = newAccessCode();
  const expiresAt = new Date(now.getTime() + ACCESS_CODE_DAYS * 24 * 3600_000).toISOString();
  await ctx.storage.writeTransaction(async (tx) => {
    const id = newId();
    await tx
      .insertInto('access_codes')
      .values({
        id,
        code_hash: accessCodeHash(ctx.secretKey, code),
        dealer_id: dealer.id,
        first_name: input.firstName,
        last_name: input.lastName,
        driver_licence: input.driverLicence,
        issued_by: actor.id,
        issued_at: now.toISOString(),
        expires_at: expiresAt,
        used_at: null,
        used_by: null,
      })
      .execute();
    await appendAudit(tx, now, {
      event: 'access_code.issued',
      actor: actor.id,
      subject: id,
      detail: { neq: input.neq, person: `${input.firstName} ${input.lastName}` },
    });
  });
  return {
    code,
    neq: input.neq,
    dealerName: dealer.name,
    firstName: input.firstName,
    lastName: input.lastName,
    expiresAt,
  };
}
