import {
  commandPayloadSchemas,
  fromZodError,
  newId,
  type ApiError,
  type OfflineCommandType,
} from '@comptoir/shared';
import { kioskDb } from '$lib/offline/kiosk-db';
import { kioskId } from '$lib/offline/kiosk-state';
import { enqueueCommand, OutboxError } from '$lib/offline/outbox';
import { requestSync } from '$lib/offline/sync-runner';
import { session } from '$lib/session/session.svelte';
import { activeOperator } from './kiosk-access.service';
import { kioskError, type ActionResult } from './result';

const notSignedIn: ApiError = kioskError(
  'unauthenticated',
  'Veuillez vous connecter et choisir une licence.',
  'Please sign in and choose a licence.',
);

/**
 * Queues a command of the signed-in person: the payload is parsed by its shared schema
 * first (every failing field at once, paths relative to the form), then the envelope is
 * written durably to the outbox, then the syncing tab is kicked. Returns the command id.
 */
export async function queueCommand(
  type: OfflineCommandType,
  payload: unknown,
  supersedes?: string,
): Promise<ActionResult<string>> {
  const info = session.info;
  const licence = session.licence;
  if (!info || !licence) return { ok: false, error: notSignedIn };
  const parsed = commandPayloadSchemas[type].safeParse(payload);
  if (!parsed.success) return { ok: false, error: fromZodError(parsed.error) };
  const db = kioskDb();
  const id = newId();
  const operator = await activeOperator();
  try {
    await enqueueCommand(db, {
      id,
      v: 1,
      type,
      licence,
      kioskId: await kioskId(db),
      // Under a generic account, the operator who unlocked with their PIN is named too.
      actor: { accountId: info.account.id, ...(operator && { operatorId: operator.operatorId }) },
      createdAt: new Date().toISOString(),
      ...(supersedes ? { supersedes } : {}),
      payload,
    });
  } catch (error) {
    if (error instanceof OutboxError) return { ok: false, error: error.apiError };
    throw error;
  }
  requestSync();
  return { ok: true, value: id };
}
