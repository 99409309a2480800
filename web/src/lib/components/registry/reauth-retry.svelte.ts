import type { ApiError } from '@comptoir/shared';

/** The re-authentication step of a sensitive action (bank account, staff actions). */
export interface ReauthRetry {
  /** Whether the re-authentication dialog is open (bind it to `ReauthDialog`'s `open`). */
  isOpen: boolean;
  /**
   * True when `error` asks for a fresh re-authentication: the dialog opens, and `again` runs
   * once the person proved who they are, with what they typed still in the form.
   */
  intercept(error: ApiError | undefined, again: () => void): boolean;
  /** `ReauthDialog`'s `onconfirmed`: runs the action that asked for it. */
  confirmed(): void;
}

/** A re-authentication step; call it while a component is initialised. */
export function reauthRetry(): ReauthRetry {
  let isOpen = $state(false);
  let retry: (() => void) | undefined;
  return {
    get isOpen() {
      return isOpen;
    },
    set isOpen(value: boolean) {
      isOpen = value;
    },
    intercept(error, again) {
      if (error?.code !== 'reauthentication_required') return false;
      retry = again;
      isOpen = true;
      return true;
    },
    confirmed() {
      const again = retry;
      retry = undefined;
      again?.();
    },
  };
}
