import { isActivationCountry } from '@comptoir/shared';
import { appendAudit } from '../audit.js';
import type { ServerContext } from '../context.js';
import type { Tx } from '../db/engine.js';
import { fail } from '../http/responses.js';
import { countryOf } from './client-address.js';

/** Whether the account's first sign-in happened already, and from where this one comes. */
export interface ActivationCheck {
  isActivated: boolean;
  country: string | null;
}

/**
 * The first sign-in of an account activates it, and only from Canada or the United States
 * (docs/domain.md#first-sign-in-from-canada-or-the-united-states). Refused activations are
 * audited and end with 403
 * `activation_country`; later sign-ins are not limited by country.
 */
export async function checkActivation(
  ctx: ServerContext,
  accountId: string,
  clientAddress: string,
  now: Date,
): Promise<ActivationCheck> {
  const activation = await ctx.storage.db
    .selectFrom('account_activations')
    .select('account_id')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  const country = countryOf(clientAddress, ctx.config.homeCountry ?? 'CA');
  if (activation) return { isActivated: true, country };
  if (!isActivationCountry(country)) {
    await ctx.storage.writeTransaction((tx) =>
      appendAudit(tx, now, {
        event: 'signin.activation_refused',
        actor: accountId,
        detail: { code: 'activation_country', country, clientAddress },
      }),
    );
    fail(403, 'activation_country');
  }
  return { isActivated: false, country };
}

/** Records the activation (inside the sign-in's transaction; a second one changes nothing). */
export async function recordActivation(
  tx: Tx,
  now: Date,
  accountId: string,
  check: ActivationCheck,
  clientAddress: string,
): Promise<void> {
  if (check.isActivated) return;
  const inserted = await tx
    .insertInto('account_activations')
    .values({
      account_id: accountId,
      activated_at: now.toISOString(),
      country: check.country ?? '',
      client_address: clientAddress.slice(0, 64),
    })
    .onConflict((oc) => oc.column('account_id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) {
    await appendAudit(tx, now, {
      event: 'account.activated',
      actor: accountId,
      detail: { country: check.country, clientAddress },
    });
  }
}
