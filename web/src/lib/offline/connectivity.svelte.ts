import { ConnectivityMonitor, isServerAnswer, type Reachability } from './connectivity';

/*
 * This tab's view of whether the server answers (rune state for the status bar), and the
 * `fetch` the kiosk's server requests go through so that their failures count at once. Each
 * visible tab probes on its own; the syncing tab learns of a recovery from its own probe or
 * from another tab's `requestSync`.
 */

const reachability = $state<{ current: Reachability }>({ current: 'online' });

let monitor: ConnectivityMonitor | undefined;

/** Whether this kiosk can reach its server now: `online`, `no_network` or `server_unreachable`. */
export const connectivity: { readonly current: Reachability } = reachability;

/** The server's light health check: no cookie (never a person's activity), never cached. */
async function probeHealth(signal: AbortSignal): Promise<boolean> {
  try {
    const response = await fetch('/api/health', {
      cache: 'no-store',
      credentials: 'omit',
      headers: { accept: 'application/json' },
      signal,
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Starts watching reachability in this tab (called once by the sync runner); `onRecovered`
 * runs when the server answers again after it did not. Returns a stop function.
 */
export function startConnectivity(onRecovered: () => void): () => void {
  monitor?.stop();
  const current = new ConnectivityMonitor({
    probe: probeHealth,
    isNetworkUp: () => navigator.onLine,
    isVisible: () => document.visibilityState === 'visible',
    onChange: (state) => {
      reachability.current = state;
    },
    onRecovered,
  });
  monitor = current;
  const onNetwork = () => current.networkChanged();
  const onVisibility = () => current.visibilityChanged();
  window.addEventListener('online', onNetwork);
  window.addEventListener('offline', onNetwork);
  document.addEventListener('visibilitychange', onVisibility);
  current.start();
  return () => {
    current.stop();
    window.removeEventListener('online', onNetwork);
    window.removeEventListener('offline', onNetwork);
    document.removeEventListener('visibilitychange', onVisibility);
    if (monitor === current) monitor = undefined;
  };
}

/**
 * `fetch` for the kiosk's requests to its server: a request that gets no answer tells the
 * status bar at once (no need to wait for the next probe), one that does tells it the server
 * is back.
 */
export const observedFetch: typeof fetch = async (input, init) => {
  let response: Response;
  try {
    response = await fetch(input, init);
  } catch (error) {
    // An aborted request says nothing about the server.
    if (!(error instanceof DOMException && error.name === 'AbortError')) monitor?.noteFailure();
    throw error;
  }
  if (isServerAnswer(response)) monitor?.noteAnswer();
  else monitor?.noteFailure();
  return response;
};
