/**
 * Whether the kiosk can reach its server, told apart from whether it has a network at all.
 *
 * `navigator.onLine` only knows about the network interface: with the dealership's line up and
 * the server down it says "online" forever (issue "Offline issuance": the bar said "En ligne"
 * the whole time and the queue waited 66 s after the server came back). So the kiosk also
 * listens to its own requests (a failed one is evidence at once) and, while the page is
 * visible, asks the server's light `GET /api/health` every few seconds: often when something
 * is wrong, so that it drains within seconds of the server answering again.
 */

/** What the status bar says. */
export type Reachability = 'online' | 'no_network' | 'server_unreachable';

/** Between two probes while the server answers: a stopped server is seen within this plus a probe. */
export const HEALTHY_PROBE_MS = 3_000;
/** Between two probes while it does not: the queue drains within this of the server's return. */
export const UNHEALTHY_PROBE_MS = 2_000;
/** A probe without an answer by then counts as a failure (a hung server, a dead link). */
export const PROBE_TIMEOUT_MS = 2_000;

/** What the monitor needs from the browser (real ones in `connectivity.svelte.ts`, fakes in tests). */
export interface ConnectivityDeps {
  /** Asks the server's health endpoint; resolves true when it answered well, never rejects. */
  probe: (signal: AbortSignal) => Promise<boolean>;
  /** `navigator.onLine`: false means there is no network at all. */
  isNetworkUp: () => boolean;
  /** `document.visibilityState === 'visible'`: a hidden page does not probe. */
  isVisible: () => boolean;
  /** Every change of the state (the rune state of the status bar). */
  onChange: (state: Reachability) => void;
  /** The server answers again after it did not: cancel the backoff and drain now. */
  onRecovered: () => void;
}

/**
 * The state machine of reachability, with its own probe timer. Feed it what happens
 * (`noteAnswer`, `noteFailure`, `networkChanged`, `visibilityChanged`); it probes on its own
 * while visible, every `HEALTHY_PROBE_MS` when fine, `UNHEALTHY_PROBE_MS` otherwise.
 *
 * @example
 * const monitor = new ConnectivityMonitor(deps);
 * monitor.start();
 * window.addEventListener('online', () => monitor.networkChanged());
 */
export class ConnectivityMonitor {
  #state: Reachability;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #probing: AbortController | undefined;
  #isStarted = false;

  constructor(private readonly deps: ConnectivityDeps) {
    this.#state = deps.isNetworkUp() ? 'online' : 'no_network';
  }

  get state(): Reachability {
    return this.#state;
  }

  /** Starts probing (at once, then on the timer) while the page is visible. */
  start(): void {
    this.#isStarted = true;
    this.deps.onChange(this.#state);
    this.#probeSoon(0);
  }

  /** Stops every timer and the probe in flight. */
  stop(): void {
    this.#isStarted = false;
    this.#clearTimer();
    this.#probing?.abort();
    this.#probing = undefined;
  }

  /** A request of the kiosk got an answer from the server (any status the server itself gave). */
  noteAnswer(): void {
    this.#set('online');
  }

  /** A request of the kiosk got no answer (network error, a proxy's 502/504). */
  noteFailure(): void {
    this.#set(this.deps.isNetworkUp() ? 'server_unreachable' : 'no_network');
    // Probe again soon: the failure may have been the last one.
    if (!this.#probing) this.#probeSoon(UNHEALTHY_PROBE_MS);
  }

  /** The browser's `online` / `offline` event. */
  networkChanged(): void {
    if (!this.deps.isNetworkUp()) {
      this.#set('no_network');
      return;
    }
    // The interface is back; whether the server is, the probe tells (at once).
    if (this.#state === 'no_network') this.#set('server_unreachable', false);
    this.#probeSoon(0);
  }

  /** The page became visible or hidden: a visible page probes at once, a hidden one stops. */
  visibilityChanged(): void {
    if (this.deps.isVisible()) this.#probeSoon(0);
    else this.#clearTimer();
  }

  #set(next: Reachability, mayRecover = true): void {
    const previous = this.#state;
    if (previous === next) return;
    this.#state = next;
    this.deps.onChange(next);
    if (next === 'online' && mayRecover) this.deps.onRecovered();
    // The pace of the probes follows the state.
    if (!this.#probing) this.#probeSoon(this.#interval());
  }

  #interval(): number {
    return this.#state === 'online' ? HEALTHY_PROBE_MS : UNHEALTHY_PROBE_MS;
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #probeSoon(delayMs: number): void {
    this.#clearTimer();
    if (!this.#isStarted || !this.deps.isVisible()) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#probeNow();
    }, delayMs);
  }

  async #probeNow(): Promise<void> {
    if (this.#probing) return;
    const controller = new AbortController();
    this.#probing = controller;
    const timeout = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
    let isHealthy: boolean;
    try {
      isHealthy = await this.deps.probe(controller.signal);
    } catch {
      isHealthy = false;
    } finally {
      clearTimeout(timeout);
    }
    if (this.#probing !== controller) return; // stopped meanwhile
    this.#probing = undefined;
    if (isHealthy) this.#set('online');
    else this.#set(this.deps.isNetworkUp() ? 'server_unreachable' : 'no_network');
    this.#probeSoon(this.#interval());
  }
}

/**
 * Whether a response came from the server itself. A reverse proxy answers 502 or 504 when the
 * server behind it is down or silent: that is no answer from the server.
 */
export function isServerAnswer(response: Response): boolean {
  return response.status !== 502 && response.status !== 504;
}
