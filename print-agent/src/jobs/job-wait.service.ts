import type { JobWaitQuery, PrintJob } from '@comptoir/shared';
import type { AppDeps } from '../deps.js';

/**
 * The long poll of `GET /jobs/:id?wait=`: the job as soon as its state differs from the one
 * the kiosk last saw (`state`, else the current one), or unchanged after `wait` seconds, so
 * the kiosk learns "printed" the moment the ledger records it instead of on its next poll.
 * Ends early when the kiosk goes away (`signal`).
 *
 * @example
 * const job = await nextJobState(deps, current, { wait: 20, state: 'queued' }, signal);
 */
export async function nextJobState(
  deps: Pick<AppDeps, 'ledger'>,
  job: PrintJob,
  query: JobWaitQuery,
  signal?: AbortSignal,
): Promise<PrintJob> {
  const known = query.state ?? job.state;
  const deadline = Date.now() + query.wait * 1000;
  let current = job;
  // A wake-up says "something changed", not "this job changed state" (a printer's release
  // wakes everyone; copiesSent moves without a new state): read again and wait on if unchanged.
  while (current.state === known && !signal?.aborted) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    await deps.ledger.watch.next(current.jobId, left, signal);
    current = deps.ledger.get(current.jobId) ?? current;
  }
  return current;
}
