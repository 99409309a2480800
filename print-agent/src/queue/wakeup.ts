/** A sleep that a `wake()` ends early: a printer's worker waits on it for work or a retry time. */
export class Wakeup {
  #resolve: (() => void) | undefined;
  #isPending = false;

  /** Resolves on `wake()` or after `ms` (only on `wake()` when `ms` is undefined). */
  wait(ms: number | undefined): Promise<void> {
    if (this.#isPending) {
      this.#isPending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        this.#resolve = undefined;
        resolve();
      };
      if (ms !== undefined) timer = setTimeout(done, Math.max(0, ms));
      this.#resolve = done;
    });
  }

  /** Ends the current wait, or the next one at once if nobody waits now. */
  wake(): void {
    if (this.#resolve) this.#resolve();
    else this.#isPending = true;
  }
}
