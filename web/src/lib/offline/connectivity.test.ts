import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ConnectivityMonitor,
  HEALTHY_PROBE_MS,
  PROBE_TIMEOUT_MS,
  UNHEALTHY_PROBE_MS,
  isServerAnswer,
  type Reachability,
} from './connectivity';

/** A kiosk whose network, visibility and server are switches the test flips. */
function fakeKiosk() {
  const world = {
    isNetworkUp: true,
    isVisible: true,
    /** 'up' answers, 'down' refuses at once, 'hung' never answers. */
    server: 'up' as 'up' | 'down' | 'hung',
    probes: 0,
    recoveries: 0,
    changes: [] as Reachability[],
  };
  const monitor = new ConnectivityMonitor({
    probe: (signal) => {
      world.probes += 1;
      if (world.server === 'up') return Promise.resolve(true);
      if (world.server === 'down') return Promise.resolve(false);
      return new Promise<boolean>((resolve) =>
        signal.addEventListener('abort', () => resolve(false)),
      );
    },
    isNetworkUp: () => world.isNetworkUp,
    isVisible: () => world.isVisible,
    onChange: (state) => world.changes.push(state),
    onRecovered: () => {
      world.recoveries += 1;
    },
  });
  return { world, monitor };
}

describe('ConnectivityMonitor', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says "server unreachable" within 5 s of the server process stopping, with the network up', async () => {
    const { world, monitor } = fakeKiosk();
    monitor.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(monitor.state).toBe('online');

    world.server = 'down';
    await vi.advanceTimersByTimeAsync(5_000);
    expect(monitor.state).toBe('server_unreachable');
    monitor.stop();
  });

  it('says so within 5 s of the server hanging too (the probe times out)', async () => {
    const { world, monitor } = fakeKiosk();
    monitor.start();
    await vi.advanceTimersByTimeAsync(1_000);
    world.server = 'hung';
    await vi.advanceTimersByTimeAsync(HEALTHY_PROBE_MS + PROBE_TIMEOUT_MS);
    expect(monitor.state).toBe('server_unreachable');
    monitor.stop();
  });

  it('tells "no network" from "server unreachable"', async () => {
    const { world, monitor } = fakeKiosk();
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    world.isNetworkUp = false;
    world.server = 'down';
    monitor.networkChanged();
    expect(monitor.state).toBe('no_network');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(monitor.state).toBe('no_network');

    // The interface is back but the server is not: the probe says which.
    world.isNetworkUp = true;
    monitor.networkChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.state).toBe('server_unreachable');
    monitor.stop();
  });

  it('a failed request counts at once, before any probe', async () => {
    const { monitor } = fakeKiosk();
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    monitor.noteFailure();
    expect(monitor.state).toBe('server_unreachable');
    // The server did answer the probe that follows: back online, and a drain asked for.
    await vi.advanceTimersByTimeAsync(UNHEALTHY_PROBE_MS);
    expect(monitor.state).toBe('online');
    monitor.stop();
  });

  it('asks for a drain within 2 s of the server answering again, once', async () => {
    const { world, monitor } = fakeKiosk();
    world.server = 'down';
    monitor.start();
    // Down for ten minutes: the probes keep their pace (no exponential backoff here).
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(monitor.state).toBe('server_unreachable');
    expect(world.recoveries).toBe(0);
    const probesWhileDown = world.probes;
    expect(probesWhileDown).toBeGreaterThanOrEqual((10 * 60_000) / UNHEALTHY_PROBE_MS - 1);

    world.server = 'up';
    await vi.advanceTimersByTimeAsync(UNHEALTHY_PROBE_MS);
    expect(monitor.state).toBe('online');
    expect(world.recoveries).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(world.recoveries).toBe(1);
    expect(world.changes).toEqual(['online', 'server_unreachable', 'online']);
    monitor.stop();
  });

  it('a hidden page does not probe; becoming visible probes at once', async () => {
    const { world, monitor } = fakeKiosk();
    world.isVisible = false;
    monitor.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(world.probes).toBe(0);

    world.isVisible = true;
    world.server = 'down';
    monitor.visibilityChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(world.probes).toBe(1);
    expect(monitor.state).toBe('server_unreachable');
    monitor.stop();
  });

  it('stop ends every timer', async () => {
    const { world, monitor } = fakeKiosk();
    monitor.start();
    await vi.advanceTimersByTimeAsync(0);
    monitor.stop();
    const probes = world.probes;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(world.probes).toBe(probes);
  });
});

describe('isServerAnswer', () => {
  it("counts a proxy's 502/504 as no answer, any other status as the server's", () => {
    expect(isServerAnswer(new Response(null, { status: 502 }))).toBe(false);
    expect(isServerAnswer(new Response(null, { status: 504 }))).toBe(false);
    expect(isServerAnswer(new Response(null, { status: 503 }))).toBe(true);
    expect(isServerAnswer(new Response(null, { status: 401 }))).toBe(true);
    expect(isServerAnswer(new Response('{}', { status: 200 }))).toBe(true);
  });
});
