import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Test-only fault points (`COMPTOIR_FAULTS`, e.g. `push.before_commit=crash,
 * transit.between_check_and_insert=pause:800,transit.guard=off`). Compiled in so that the
 * production build is what the tests exercise; inert unless the variable is set.
 */
export interface Faults {
  /** Runs the fault set on `point`: pause (ms) or crash the process; nothing when unset. */
  at(point: string): Promise<void>;
  /** True when `point` is set to `value` (switches such as `transit.guard=off`). */
  is(point: string, value: string): boolean;
}

/** Parses a `COMPTOIR_FAULTS` list; an empty or undefined value gives inert faults. */
export function parseFaults(raw: string | undefined): Faults {
  const settings = new Map<string, string>();
  for (const item of (raw ?? '').split(',')) {
    const [point, value] = item.split('=').map((part) => part.trim());
    if (point && value) settings.set(point, value);
  }
  return {
    async at(point) {
      const value = settings.get(point);
      if (value === undefined) return;
      if (value === 'crash') {
        // Simulates a power cut: no cleanup, no response.
        process.exit(86);
      }
      const pause = /^pause:(\d+)$/.exec(value);
      if (pause?.[1]) await sleep(Number(pause[1]));
    },
    is(point, value) {
      return settings.get(point) === value;
    },
  };
}
