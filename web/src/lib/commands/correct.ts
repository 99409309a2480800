import {
  commandPayloadSchemas,
  type ApiError,
  type CommandOf,
  type OfflineCommandType,
} from '@comptoir/shared';
import { kioskDb } from '$lib/offline/kiosk-db';
import { getOwnCommand } from '$lib/offline/outbox';
import { currentAccountId } from '$lib/session/session.svelte';

/** The parsed payload of a command type. */
export type CommandPayload<T extends OfflineCommandType> = CommandOf<T>['payload'];

/** A refused command of the signed-in person, as its form's values with the server's reasons. */
export interface Correction<Values> {
  values: Values;
  error: ApiError | undefined;
}

/**
 * Loads a refused command of type `type` back into its form for correction: only its author
 * may, only while it is refused, and only through its form's mapping (`valuesOf`). Saving the
 * form then queues a new command that supersedes this one (see `queueCommand`).
 */
export async function loadCorrection<T extends OfflineCommandType, Values>(
  type: T,
  commandId: string,
  valuesOf: (payload: CommandPayload<T>) => Values,
): Promise<Correction<Values> | undefined> {
  const accountId = currentAccountId();
  if (!accountId) return undefined;
  const row = await getOwnCommand(kioskDb(), commandId, accountId);
  if (row?.state !== 'rejected' || row.command.type !== type) return undefined;
  const payload = commandPayloadSchemas[type].safeParse(row.command.payload);
  return payload.success
    ? { values: valuesOf(payload.data as CommandPayload<T>), error: row.error }
    : undefined;
}
