import { atacCreateSchema, transitIssueSchema, type ApiError } from '@comptoir/shared';
import { kioskDb } from '$lib/offline/kiosk-db';
import { getOwnCommand } from '$lib/offline/outbox';
import { currentAccountId } from '$lib/session/session.svelte';
import { atacValuesOf, toAtacInput, type AtacValues } from '$lib/forms/atac.form';
import { toTransitInput, transitValuesOf, type TransitValues } from '$lib/forms/transit.form';
import { queueCommand } from './commands.service';
import { dropDraft } from './drafts.service';
import type { ActionResult } from './result';

/** Draft names of the two forms. */
export const ATAC_FORM = 'atac';
export const TRANSIT_FORM = 'transit';

/**
 * Queues an ATAC. With `supersedes`, this is the correction of a refused command: a new
 * command (new id) that names the refused one, never an edit of what was sent.
 */
export async function submitAtac(
  values: AtacValues,
  supersedes?: string,
): Promise<ActionResult<string>> {
  const result = await queueCommand('atac.create', toAtacInput(values), supersedes);
  if (result.ok) await dropDraft(ATAC_FORM);
  return result;
}

/** Queues a transit (or its correction). */
export async function submitTransit(
  values: TransitValues,
  supersedes?: string,
): Promise<ActionResult<string>> {
  const result = await queueCommand('transit.issue', toTransitInput(values), supersedes);
  if (result.ok) await dropDraft(TRANSIT_FORM);
  return result;
}

/** A refused command of the signed-in person, back as form values with the server's reasons. */
export type Correction =
  | { type: 'atac.create'; values: AtacValues; error: ApiError | undefined }
  | { type: 'transit.issue'; values: TransitValues; error: ApiError | undefined };

/** Loads a refused command into its form for correction (only its author may). */
export async function loadCorrection(commandId: string): Promise<Correction | undefined> {
  const accountId = currentAccountId();
  if (!accountId) return undefined;
  const row = await getOwnCommand(kioskDb(), commandId, accountId);
  if (!row || row.state !== 'rejected') return undefined;
  const command = row.command;
  if (command.type === 'atac.create') {
    const payload = atacCreateSchema.safeParse(command.payload);
    return payload.success
      ? { type: 'atac.create', values: atacValuesOf(payload.data), error: row.error }
      : undefined;
  }
  if (command.type === 'transit.issue') {
    const payload = transitIssueSchema.safeParse(command.payload);
    return payload.success
      ? { type: 'transit.issue', values: transitValuesOf(payload.data), error: row.error }
      : undefined;
  }
  return undefined;
}
