import { untrack } from 'svelte';
import type { z } from 'zod';
import type { ApiError } from '@comptoir/shared';
import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { keepDraft, restoreDraft } from '$lib/services/drafts.service';
import type { ActionResult } from '$lib/services/result';
import { fieldMessages } from '$lib/forms/form-values';

/** Plain values as `$state.snapshot` gives them (Svelte does not export the type). */
type Snapshot<T> = ReturnType<typeof $state.snapshot<T>>;

/** What differs between the forms that queue a command (ATAC, transit). */
export interface QueuedFormOptions<Values> {
  /** The name the typed values are kept under as a draft until the command is queued. */
  draftName: string;
  /** The form's values, to restore a stored draft only when it still fits the form. */
  valuesSchema: z.ZodType<Values>;
  /** The empty form. */
  empty: Values;
  /**
   * Values a new form starts from instead of the draft (e.g. the ATAC a transit follows);
   * undefined keeps the draft. Called once, in the browser.
   */
  prefill?: () => Promise<Values | undefined>;
  /** The id of the refused command being corrected, if any (a getter: it is a prop). */
  correcting: () => string | undefined;
  /** A refused command as this form's values with the server's reasons; undefined if not this form's. */
  loadCorrection: (
    commandId: string,
  ) => Promise<{ values: Values; error: ApiError | undefined } | undefined>;
  /** Queues the command (a correction supersedes the refused one) and answers its id. */
  submit: (
    values: Snapshot<Values>,
    supersedes: string | undefined,
  ) => Promise<ActionResult<string>>;
}

/** A form that queues a command: its values, its errors and where it is in its life. */
export interface QueuedForm<Values> {
  /** The values as typed (deeply reactive: bind fields to them). */
  readonly values: Values;
  /** Why the last save, or the command being corrected, was refused. */
  readonly error: ApiError | undefined;
  /** The error's messages by field path. */
  readonly errors: ReturnType<typeof fieldMessages>;
  /** The id of the refused command being corrected, if any. */
  readonly correcting: string | undefined;
  /** False until the draft or the correction is back. */
  readonly isLoaded: boolean;
  /** True while the command is being queued. */
  readonly isBusy: boolean;
  /** The form's submit handler: queues the command, then shows it in the queue. */
  submit: (event: SubmitEvent) => Promise<void>;
}

/**
 * The life of a form that queues a command, shared by the ATAC and transit forms: restore the
 * draft (or load the refused command being corrected), keep the draft as the person types,
 * queue on submit and open the queued command. Call it while a component is initialised.
 */
export function queuedForm<Values>(options: QueuedFormOptions<Values>): QueuedForm<Values> {
  let values = $state(options.empty);
  let error = $state<ApiError | undefined>();
  let isLoaded = $state(false);
  let isBusy = $state(false);
  const errors = $derived(fieldMessages(error));

  // Once per mount: without untrack, a session refresh (a new session object) would run
  // this again and put the stored draft back over what the person is typing.
  $effect(() => {
    void untrack(async () => {
      const correcting = options.correcting();
      if (correcting) {
        const correction = await options.loadCorrection(correcting);
        if (correction) {
          values = correction.values;
          error = correction.error;
        }
      } else {
        const start =
          (await options.prefill?.()) ??
          (await restoreDraft(options.draftName, options.valuesSchema));
        if (start) values = start;
      }
      isLoaded = true;
    });
  });

  // Only a new form keeps a draft; a correction's values stay in the refused command it corrects.
  $effect(() => {
    const snapshot = $state.snapshot(values);
    if (isLoaded && !options.correcting()) void keepDraft(options.draftName, snapshot);
  });

  async function submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    isBusy = true;
    const result = await options.submit($state.snapshot(values), options.correcting());
    isBusy = false;
    if (!result.ok) {
      error = result.error;
      return;
    }
    await goto(resolve('/(kiosk)/file-attente/[commande]', { commande: result.value }));
  }

  return {
    get values() {
      return values;
    },
    get error() {
      return error;
    },
    get errors() {
      return errors;
    },
    get correcting() {
      return options.correcting();
    },
    get isLoaded() {
      return isLoaded;
    },
    get isBusy() {
      return isBusy;
    },
    submit,
  };
}
