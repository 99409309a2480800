import type { ApiError } from '@comptoir/shared';
import { goto } from '$app/navigation';
import { fieldMessages } from '$lib/forms/form-values';
import {
  queuedForm,
  type QueuedForm,
  type QueuedFormOptions,
} from '$lib/components/queued-form.svelte';

/** A registry form: a queued form that, once its command is queued, opens its own follow-up page. */
export interface RegistryFormOptions<Values> extends QueuedFormOptions<Values> {
  /** The resolved path that follows the queued command (e.g. `/immatriculation/commande/…`). */
  queuedPath: (commandId: string) => string;
}

/**
 * The queued-form life (draft kept as typed, refused command loaded for correction), with a
 * submit that opens the service's own follow-up page instead of the generic queue entry:
 * a registration on hold goes on to its confirmation, a plate order to its plate numbers.
 * Call it while a component is initialised.
 */
export function registryForm<Values>(options: RegistryFormOptions<Values>): QueuedForm<Values> {
  const form = queuedForm(options);
  let submitError = $state<ApiError | undefined>();
  let isBusy = $state(false);
  const error = $derived(submitError ?? form.error);
  const errors = $derived(fieldMessages(error));

  async function submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    isBusy = true;
    const result = await options.submit($state.snapshot(form.values), form.correcting);
    isBusy = false;
    if (!result.ok) {
      submitError = result.error;
      return;
    }
    submitError = undefined;
    // eslint-disable-next-line svelte/no-navigation-without-resolve -- the caller passes a path built with resolve()
    await goto(options.queuedPath(result.value));
  }

  return {
    get values() {
      return form.values;
    },
    get error() {
      return error;
    },
    get errors() {
      return errors;
    },
    get correcting() {
      return form.correcting;
    },
    get isLoaded() {
      return form.isLoaded;
    },
    get isBusy() {
      return isBusy;
    },
    submit,
  };
}
