/**
 * Test-only fault points (`COMPTOIR_FAULTS`, e.g. `agent.before-send=hang`): compiled in,
 * inert unless set, never set in production. They let a test kill the agent at the exact
 * moment that matters (a job mid-send) instead of hoping a timer lands there.
 */
export const faultPoints = ['agent.before-send', 'agent.after-send'] as const;
/** A place in the code where a fault can be injected. */
export type FaultPoint = (typeof faultPoints)[number];
type FaultAction = 'hang' | 'crash';

/** The parsed fault plan. */
export interface Faults {
  /** Does nothing, hangs forever, or ends the process, as the plan says for this point. */
  at(point: FaultPoint): Promise<void>;
}

/** Parses `COMPTOIR_FAULTS` (comma-separated `point=hang|crash`); unknown entries throw. */
export function parseFaults(spec: string | undefined): Faults {
  const plan = new Map<FaultPoint, FaultAction>();
  for (const entry of (spec ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [point, action] = entry.split('=');
    const knownPoint = faultPoints.find((p) => p === point);
    if (!knownPoint || (action !== 'hang' && action !== 'crash')) {
      throw new Error(`COMPTOIR_FAULTS: unknown fault "${entry}"`);
    }
    plan.set(knownPoint, action);
  }
  return {
    at(point) {
      const action = plan.get(point);
      if (action === 'crash') process.kill(process.pid, 'SIGKILL');
      if (action === 'hang') return new Promise<void>(() => undefined);
      return Promise.resolve();
    },
  };
}

/** No faults: what every production start gets. */
export const noFaults: Faults = parseFaults(undefined);
