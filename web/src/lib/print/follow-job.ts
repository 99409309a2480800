import type { JobWaitQuery, PrintJob, PrintJobState } from '@comptoir/shared';

/** How a job is followed at the agent until it ends. */
export interface FollowJobOptions {
  /** The longest one ask is held open by the agent, in seconds (its long poll). */
  waitSeconds: number;
  /** Give up following after this long (the job keeps its place at the agent). */
  forMs: number;
  /** Between two asks to an agent that answers at once (one without the long poll). */
  paceMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** The defaults: 20 s long polls for up to a minute; an older agent is asked every 500 ms. */
export const followJobDefaults: FollowJobOptions = {
  waitSeconds: 20,
  forMs: 60_000,
  paceMs: 500,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Follows a submitted job until `isDone` says its state is final, or `forMs` passes. Each ask
 * names the state last seen, so the agent answers the moment it changes (the person sees
 * "Imprimé" when the ledger records it, not on the next tick of a poll). An agent that
 * predates the long poll answers at once with the same state: that is recognised (an
 * unchanged answer well before the wait was over) and the asks are paced at `paceMs`.
 *
 * @example
 * const last = await followJob((wait) => readJob(settings, jobId, wait), accepted, isFinal, show);
 */
export async function followJob(
  read: (wait: JobWaitQuery) => Promise<PrintJob>,
  first: PrintJob,
  isDone: (state: PrintJobState) => boolean,
  onProgress: (state: PrintJobState) => void,
  options: FollowJobOptions = followJobDefaults,
): Promise<PrintJob> {
  const { now } = options;
  const until = now() + options.forMs;
  let current = first;
  while (!isDone(current.state) && now() < until) {
    const wait = Math.max(1, Math.min(options.waitSeconds, Math.ceil((until - now()) / 1000)));
    const asked = now();
    const next = await read({ wait, state: current.state });
    if (next.state === current.state && now() - asked < (wait * 1000) / 2) {
      await options.sleep(options.paceMs);
    }
    current = next;
    onProgress(current.state);
  }
  return current;
}
