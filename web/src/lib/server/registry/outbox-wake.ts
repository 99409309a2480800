/*
 * Wakes this process's outbox worker when a row is queued, instead of polling the table twice
 * a second. The row is written inside a transaction that has not committed yet when it is
 * queued, so the worker looks a few times shortly after (most transactions commit within
 * milliseconds; a slow one is caught by a later look or the idle poll).
 */

type Listener = () => void;
const listeners = new Set<Listener>();

/** Says that a row was queued in this process (called by `enqueueOutbox`). */
export function notifyOutboxQueued(): void {
  for (const listener of listeners) listener();
}

/** Listens to queued rows; answers the function that stops listening. */
export function onOutboxQueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
