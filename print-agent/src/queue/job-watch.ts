/**
 * Who waits for a job to change (the long poll of `GET /jobs/:id?wait=`): the ledger calls
 * `changed` after every write, a waiter is woken and reads the ledger again. In memory only:
 * a waiter lives as long as one HTTP request, and an agent restart ends the request anyway.
 */
export class JobWatch {
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #everyone = new Set<() => void>();

  /**
   * Resolves on the next change of `jobId` (or of any job, see {@link changedAll}), after
   * `ms`, or when `signal` aborts (the kiosk went away), whichever comes first.
   *
   * @example
   * await watch.next(jobId, 20_000, c.req.raw.signal);
   * const job = ledger.get(jobId);
   */
  next(jobId: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(jobId) ?? new Set<() => void>();
      this.#waiters.set(jobId, waiters);
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        waiters.delete(done);
        if (waiters.size === 0) this.#waiters.delete(jobId);
        this.#everyone.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
      this.#everyone.add(done);
      if (signal?.aborted) done();
      else signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** One job changed: its waiters answer. */
  changed(jobId: string): void {
    for (const done of [...(this.#waiters.get(jobId) ?? [])]) done();
  }

  /** Several jobs changed at once (a printer's held jobs released, a restart): everyone re-reads. */
  changedAll(): void {
    for (const done of [...this.#everyone]) done();
  }

  /** How many requests wait now (tests, and a bound on what a kiosk can hold open). */
  get size(): number {
    return this.#everyone.size;
  }
}
