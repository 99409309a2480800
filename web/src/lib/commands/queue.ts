import {
  commandPayloadSchemas,
  fromZodError,
  type ApiError,
  type OfflineCommandType,
} from '@comptoir/shared';
import { kioskDb } from '$lib/offline/kiosk-db';
import { enqueueCommand, OutboxError } from '$lib/offline/outbox';
import { requestSync } from '$lib/offline/sync-runner';
import { kioskError, type ActionResult } from '$lib/services/result';
import { commandDestination } from './destinations';
import { commandEnvelope, currentSigner } from './envelope';

const notSignedIn: ApiError = kioskError(
  'unauthenticated',
  'Veuillez vous connecter et choisir une licence.',
  'Please sign in and choose a licence.',
);

/**
 * Queues a command of the signed-in person: the payload is parsed by its shared schema
 * first (every failing field at once, paths relative to the form), then the envelope is
 * written durably to the outbox, then the syncing tab is kicked. Returns the command id.
 * With `supersedes`, this is the correction of a refused command: a new command (new id) that
 * names the refused one, never an edit of what was sent.
 */
export async function queueCommand(
  type: OfflineCommandType,
  payload: unknown,
  supersedes?: string,
): Promise<ActionResult<string>> {
  if (commandDestination(type) !== 'outbox') throw new Error(`${type} is sent online, not queued`);
  const signer = currentSigner();
  if (!signer) return { ok: false, error: notSignedIn };
  const parsed = commandPayloadSchemas[type].safeParse(payload);
  if (!parsed.success) return { ok: false, error: fromZodError(parsed.error) };
  const envelope = await commandEnvelope(signer, { type, payload, supersedes });
  try {
    await enqueueCommand(kioskDb(), envelope);
  } catch (error) {
    if (error instanceof OutboxError) return { ok: false, error: error.apiError };
    throw error;
  }
  requestSync();
  return { ok: true, value: envelope.id };
}
