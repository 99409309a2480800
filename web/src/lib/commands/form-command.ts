import type { ApiError, OfflineCommandType } from '@comptoir/shared';
import { dropDraft } from '$lib/services/drafts.service';
import type { ActionResult } from '$lib/services/result';
import { loadCorrection, type CommandPayload, type Correction } from './correct';
import { queueCommand } from './queue';

/** How a form's values become a queued command of type `T`, and back (from `lib/forms`). */
export interface FormMapping<T extends OfflineCommandType, Values> {
  /** The name the typed values are kept under as a draft until the command is queued. */
  draftName: string;
  /** The payload for the shared schema to parse. */
  toPayload: (values: Values) => unknown;
  /** A refused command's payload back into the form. */
  valuesOf: (payload: CommandPayload<T>) => Values;
  /** A refusal known before queuing (checked on the kiosk, offline too), if any. */
  refusal?: (payload: unknown) => ApiError | undefined;
}

/** A form bound to its command type: what a queued form's screen needs from the client. */
export interface FormCommand<Values> {
  draftName: string;
  /**
   * Queues the form's command (a correction supersedes the refused one) and answers its id;
   * the draft goes once the command is queued.
   */
  submit: (values: Values, supersedes?: string) => Promise<ActionResult<string>>;
  /** A refused command of this type as the form's values with the server's reasons. */
  loadCorrection: (commandId: string) => Promise<Correction<Values> | undefined>;
}

/** Binds a form's mapping to its queued command type. */
export function formCommand<T extends OfflineCommandType, Values>(
  type: T,
  mapping: FormMapping<T, Values>,
): FormCommand<Values> {
  return {
    draftName: mapping.draftName,
    async submit(values, supersedes) {
      const payload = mapping.toPayload(values);
      const refusal = mapping.refusal?.(payload);
      if (refusal) return { ok: false, error: refusal };
      const result = await queueCommand(type, payload, supersedes);
      if (result.ok) await dropDraft(mapping.draftName);
      return result;
    },
    loadCorrection: (commandId) => loadCorrection(type, commandId, mapping.valuesOf),
  };
}
