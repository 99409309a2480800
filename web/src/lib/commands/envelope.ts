import { newId, type CommandType } from '@comptoir/shared';
import { kioskDb } from '$lib/offline/kiosk-db';
import { kioskId } from '$lib/offline/kiosk-state';
import { activeOperator } from '$lib/services/kiosk-access.service';
import { session } from '$lib/session/session.svelte';

/** Who signs a command: the signed-in account, under the licence it chose. */
export interface Signer {
  accountId: string;
  licence: string;
}

/** The signed-in person and their licence; undefined before sign-in or before a licence is chosen. */
export function currentSigner(): Signer | undefined {
  const info = session.info;
  const licence = session.licence;
  return info && licence ? { accountId: info.account.id, licence } : undefined;
}

/** What differs from one command to the next; the rest of the envelope is the kiosk's. */
export interface EnvelopeFields<T extends CommandType> {
  type: T;
  payload: unknown;
  /** The idempotency key: a fresh UUIDv7 unless the same intent is being sent again. */
  id?: string;
  /** Fixed with the id when an intent may be sent again (the server hashes the envelope). */
  createdAt?: string;
  /** The refused command this one corrects. */
  supersedes?: string | undefined;
}

/**
 * The one envelope of every command the kiosk makes, queued or sent at once (the fields are
 * described in `docs/sync.md`, "Commands"): id, version, type, licence, this kiosk's id, the
 * actor (the account, and under a generic account the operator who unlocked with their PIN),
 * the kiosk's clock and, for a correction, the command it supersedes. Not parsed here: the
 * outbox and `send` parse it with the shared command schema.
 */
export async function commandEnvelope<T extends CommandType>(
  signer: Signer,
  fields: EnvelopeFields<T>,
) {
  const db = kioskDb();
  const id = fields.id ?? newId();
  const operator = await activeOperator();
  return {
    id,
    v: 1 as const,
    type: fields.type,
    licence: signer.licence,
    kioskId: await kioskId(db),
    actor: { accountId: signer.accountId, ...(operator && { operatorId: operator.operatorId }) },
    createdAt: fields.createdAt ?? new Date().toISOString(),
    ...(fields.supersedes ? { supersedes: fields.supersedes } : {}),
    payload: fields.payload,
  };
}
